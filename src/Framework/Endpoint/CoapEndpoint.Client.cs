using System.Net;
using System.Security.Cryptography;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Messaging;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    private readonly Lock _exchangesGate = new();
    private readonly Dictionary<TokenKey, ClientExchange> _exchanges = [];

    /// <summary>Client exchanges waiting for a response.</summary>
    public int PendingExchanges
    {
        get
        {
            lock (_exchangesGate)
            {
                return _exchanges.Count;
            }
        }
    }

    /// <summary>
    /// Sends a request (type, code, options and payload set; token chosen here unless set) and
    /// completes with the matching response. NSTART queues it behind other outstanding
    /// interactions with the same peer.
    /// </summary>
    public Task<CoapResponse> SendRequestAsync(CoapMessage request, IPEndPoint destination, bool explicitToken, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        var peer = _transport.GetPeerAddress(destination);
        var exchange = RegisterExchange(request, peer, explicitToken);
        bool start;
        lock (_peers.Gate)
        {
            var state = _peers.GetOrAdd(peer, Now);
            if (state is null || (state.Outstanding >= _options.NStart && state.Waiting.Count >= _options.MaxQueuedRequestsPerPeer))
            {
                start = false;
                exchange.TryFail(new CoapException(state is null
                    ? "Too many peers with outstanding requests (Coap:Messaging:MaxPeers)."
                    : $"Too many requests queued for {destination} (Coap:Messaging:MaxQueuedRequestsPerPeer)."));
            }
            else if (state.Outstanding < _options.NStart)
            {
                state.Outstanding++;
                exchange.HoldsSlot = true;
                start = true;
            }
            else
            {
                state.Waiting.Enqueue(exchange);
                start = false;
            }
        }

        if (exchange.IsCompleted)
        {
            Finish(exchange);
            return exchange.Task;
        }

        if (cancellationToken.CanBeCanceled)
        {
            exchange.Cancellation = cancellationToken.Register(
                static (state, token) =>
                {
                    var ex = (ClientExchange)state!;
                    ((CoapEndpoint)ex.Owner).Finish(ex);
                    ex.TryCancel(token);
                },
                exchange);
        }

        if (start)
        {
            StartExchange(exchange);
        }

        return exchange.Task;
    }

    private ClientExchange RegisterExchange(CoapMessage request, PeerAddress peer, bool explicitToken)
    {
        Span<byte> token = stackalloc byte[CoapHeader.MaxTokenLength];
        lock (_exchangesGate)
        {
            TokenKey key;
            if (explicitToken)
            {
                key = TokenKey.From(request.Token.Span);
                if (_exchanges.ContainsKey(key))
                {
                    throw new InvalidOperationException("That token is in use by another outstanding request.");
                }
            }
            else
            {
                var length = _options.TokenLength;
                do
                {
                    RandomNumberGenerator.Fill(token[..length]);
                    key = TokenKey.From(token[..length]);
                }
                while (_exchanges.ContainsKey(key));

                request.Token = token[..length].ToArray();
            }

            var exchange = new ClientExchange(request, peer, key) { Owner = this };
            _exchanges.Add(key, exchange);
            return exchange;
        }
    }

    private void StartExchange(ClientExchange exchange)
    {
        exchange.Prepare(NextMessageId(exchange.Peer));
        if (exchange.Type != CoapMessageType.Confirmable)
        {
            ScheduleTimer(exchange, _options.EffectiveResponseTimeout);
        }

        Transmit(exchange);
    }

    private void OnExchangeTimer(ClientExchange exchange)
    {
        if (exchange.IsCompleted)
        {
            return;
        }

        if (exchange.Type == CoapMessageType.Confirmable && !exchange.Acknowledged)
        {
            Retransmit(exchange);
            return;
        }

        OnExchangeFailed(exchange, new CoapTimeoutException($"No response to {exchange.Method.Name} from {exchange.Peer} within {_options.EffectiveResponseTimeout}."));
    }

    public void OnExchangeAcknowledged(ClientExchange exchange)
    {
        exchange.Acknowledged = true;
        exchange.Timer?.Change(_options.EffectiveResponseTimeout, Timeout.InfiniteTimeSpan);
        ReleaseSlot(exchange);
    }

    public void OnExchangeFailed(ClientExchange exchange, Exception exception)
    {
        if (exception is CoapResetException)
        {
            CoapLog.RequestReset(_logger, exchange.Method, new PeerAddressText(exchange.Peer));
        }

        Finish(exchange);
        exchange.TryFail(exception);
    }

    private void OnResponse(in CoapMessageView message, in PeerAddress remote)
    {
        var type = message.Type;
        if (type == CoapMessageType.Reset)
        {
            _metrics.FormatError();
            return;
        }

        var key = new ExchangeKey(remote, message.MessageId);
        DeduplicationTicket ticket = default;
        if (type == CoapMessageType.Confirmable)
        {
            var buffer = SendBuffer;
            var outcome = _deduplication.Begin(key, TokenKey.From(message.Token).Hash, confirmable: true, Now, buffer, out var cachedLength, out ticket);
            if (outcome != DeduplicationOutcome.New)
            {
                RepeatForDuplicate(outcome, confirmable: true, buffer.AsSpan(0, cachedLength), message.MessageId, remote);
                return;
            }
        }

        ClientExchange? exchange;
        lock (_exchangesGate)
        {
            _exchanges.TryGetValue(TokenKey.From(message.Token), out exchange);
        }

        if (exchange is null || !exchange.Peer.Equals(remote) ||
            (type == CoapMessageType.Acknowledgement && exchange.MessageId != message.MessageId))
        {
            RejectUnexpectedResponse(message, remote, ticket);
            return;
        }

        if (type == CoapMessageType.Confirmable)
        {
            AcknowledgeSeparateResponse(key, ticket);
        }

        var response = new CoapResponse(CoapMessage.FromView(message), remote.ToEndPoint());
        Finish(exchange);
        exchange.TryComplete(response);
    }

    private void AcknowledgeSeparateResponse(in ExchangeKey key, DeduplicationTicket ticket)
    {
        Span<byte> ack = stackalloc byte[CoapHeader.Size];
        WriteEmpty(ack, CoapMessageType.Acknowledgement, key.MessageId);
        _transport.Send(ack, key.Peer);
        _deduplication.Complete(ticket, ack);
    }

    /// <summary>A response nobody waits for: RST for CON and NON (so observers stop), ignore ACK (RFC 7252 §4.2, §4.3).</summary>
    private void RejectUnexpectedResponse(in CoapMessageView message, in PeerAddress remote, DeduplicationTicket ticket)
    {
        CoapLog.Unmatched(_logger, message.Type, message.Code, message.MessageId, new PeerAddressText(remote));
        if (message.Type == CoapMessageType.Acknowledgement)
        {
            return;
        }

        Span<byte> reset = stackalloc byte[CoapHeader.Size];
        WriteEmpty(reset, CoapMessageType.Reset, message.MessageId);
        _transport.Send(reset, remote);
        if (message.Type == CoapMessageType.Confirmable)
        {
            _deduplication.Complete(ticket, reset);
        }
    }

    /// <summary>Removes an exchange from every table, stops its timer and frees its NSTART slot.</summary>
    private void Finish(ClientExchange exchange)
    {
        lock (_exchangesGate)
        {
            if (_exchanges.TryGetValue(exchange.Token, out var current) && current == exchange)
            {
                _exchanges.Remove(exchange.Token);
            }
        }

        lock (_transmissionsGate)
        {
            if (_awaitingAck.TryGetValue(exchange.Key, out var current) && current == exchange)
            {
                _awaitingAck.Remove(exchange.Key);
            }
        }

        exchange.Timer?.Dispose();
        exchange.Cancellation.Dispose();
        ReleaseSlot(exchange);
    }

    private void ReleaseSlot(ClientExchange exchange)
    {
        ClientExchange? next = null;
        lock (_peers.Gate)
        {
            if (!exchange.HoldsSlot)
            {
                return;
            }

            exchange.HoldsSlot = false;
            var state = _peers.GetOrAdd(exchange.Peer, Now);
            while (state is not null && state.Waiting.TryDequeue(out var candidate))
            {
                if (!candidate.IsCompleted)
                {
                    next = candidate;
                    next.HoldsSlot = true;
                    break;
                }
            }

            if (next is null && state is not null)
            {
                state.Outstanding--;
            }
        }

        if (next is not null)
        {
            StartExchange(next);
        }
    }

    private void FailAllExchanges(Exception exception)
    {
        ClientExchange[] pending;
        lock (_exchangesGate)
        {
            pending = [.. _exchanges.Values];
        }

        foreach (var exchange in pending)
        {
            OnExchangeFailed(exchange, exception);
        }
    }
}
