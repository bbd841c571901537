using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    /// <summary>Recent NON transfer requests by message ID, so that a Reset reaches their sink; the oldest are forgotten.</summary>
    private const int MaxTrackedTransferRequests = 1024;

    private readonly Dictionary<TokenKey, ITransferResponseSink> _transferSinks = [];
    private readonly Dictionary<Messaging.ExchangeKey, ITransferResponseSink> _transferRequests = [];
    private readonly Queue<Messaging.ExchangeKey> _transferRequestOrder = new();

    /// <summary>Block-wise settings (RFC 7959, RFC 9177) for both roles.</summary>
    public CoapBlockWiseOptions BlockWise { get; init; } = new();

    /// <summary>The router's per-route transfer settings (<c>[QBlock]</c>); null when the handler has none.</summary>
    public Routing.ICoapTransferPolicy? TransferPolicy { get; init; }

    /// <summary>Tokens held by transfer sinks.</summary>
    public int TransferTokens
    {
        get
        {
            lock (_exchangesGate)
            {
                return _transferSinks.Count;
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="request"/> a fresh token that no exchange, observation or transfer holds
    /// and routes every response on it to <paramref name="sink"/> until <see cref="ReleaseTransferToken"/>.
    /// </summary>
    internal TokenKey ReserveTransferToken(CoapMessage request, ITransferResponseSink sink)
    {
        lock (_exchangesGate)
        {
            var key = ReserveToken(request, explicitToken: false);
            _transferSinks.Add(key, sink);
            return key;
        }
    }

    /// <summary>Routes responses on a token the caller chose (already set on its request) to <paramref name="sink"/>; false when the token is taken.</summary>
    internal bool TryReserveTransferToken(TokenKey token, ITransferResponseSink sink)
    {
        lock (_exchangesGate)
        {
            if (_exchanges.ContainsKey(token) || _observations.ContainsKey(token) || _transferSinks.ContainsKey(token) || IsGroupToken(token))
            {
                return false;
            }

            _transferSinks.Add(token, sink);
            return true;
        }
    }

    /// <summary>Stops routing a token to its sink; later responses on it are answered with RST (RFC 9177 §4.3 relies on that).</summary>
    internal void ReleaseTransferToken(TokenKey token, ITransferResponseSink sink)
    {
        lock (_exchangesGate)
        {
            if (_transferSinks.TryGetValue(token, out var current) && current == sink)
            {
                _transferSinks.Remove(token);
            }
        }
    }

    /// <summary>Sends a NON request that carries a transfer token: no retransmission, no NSTART slot (RFC 9177 paces these itself).</summary>
    internal void SendNonConfirmableRequest(CoapMessage request, in PeerAddress peer, ITransferResponseSink sink)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        request.Type = CoapMessageType.NonConfirmable;
        request.MessageId = NextMessageId(peer);
        var key = new Messaging.ExchangeKey(peer, request.MessageId);
        lock (_exchangesGate)
        {
            if (_transferRequests.TryAdd(key, sink))
            {
                _transferRequestOrder.Enqueue(key);
                while (_transferRequestOrder.Count > MaxTrackedTransferRequests)
                {
                    _transferRequests.Remove(_transferRequestOrder.Dequeue());
                }
            }
            else
            {
                _transferRequests[key] = sink;
            }
        }

        var buffer = SendBuffer;
        var length = request.Encode(buffer);
        _transport.Send(buffer.AsSpan(0, length), peer);
    }

    /// <summary>The sink holding a response's token, if its peer matches. Call under <see cref="_exchangesGate"/>.</summary>
    private ITransferResponseSink? FindTransferSink(TokenKey token, in PeerAddress remote) =>
        _transferSinks.TryGetValue(token, out var sink) && sink.Peer.Equals(remote) ? sink : null;

    private void DeliverToTransfer(ITransferResponseSink sink, CoapResponse response)
    {
        try
        {
            sink.OnResponse(response);
        }
        catch (Exception ex)
        {
            // A transfer's bug must not stop the receive loop.
            CoapLog.TransferSinkFailed(_logger, new PeerAddressText(sink.Peer), ex);
        }
    }

    /// <summary>A Reset answering one of the NON requests of a transfer: tells its sink. Returns whether it was one.</summary>
    private bool TryResetTransfer(in Messaging.ExchangeKey key)
    {
        ITransferResponseSink? sink;
        lock (_exchangesGate)
        {
            _transferRequests.Remove(key, out sink);
        }

        sink?.OnReset();
        return sink is not null;
    }
}
