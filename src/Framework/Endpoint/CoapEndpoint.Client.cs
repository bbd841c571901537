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
    public Task<CoapResponse> SendRequestAsync(CoapMessage request, IPEndPoint destination, bool explicitToken, CancellationToken cancellationToken) =>
        Oscore?.FindForRequest(request, destination) is { } entry
            ? SendProtectedAsync(entry, request, destination, explicitToken, cancellationToken)
            : SendPlainRequestAsync(request, destination, explicitToken, cancellationToken);

    private Task<CoapResponse> SendPlainRequestAsync(CoapMessage request, IPEndPoint destination, bool explicitToken, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        var peer = _transport.GetPeerAddress(destination);
        var exchange = RegisterExchange(request, peer, explicitToken);
        Submit(exchange, cancellationToken);
        return exchange.Task;
    }

    /// <summary>Starts a registered exchange now, or queues it behind the peer's NSTART outstanding interactions.</summary>
    private void Submit(ClientExchange exchange, CancellationToken cancellationToken)
    {
        CoapException? refused = null;
        bool start;
        lock (_peers.Gate)
        {
            var state = _peers.GetOrAdd(exchange.Peer, Now);
            if (state is null || (state.Outstanding >= _options.NStart && state.Waiting.Count >= _options.MaxQueuedRequestsPerPeer))
            {
                start = false;
                refused = new CoapException(state is null
                    ? "Too many peers with outstanding requests (Coap:Messaging:MaxPeers)."
                    : $"Too many requests queued for {exchange.Peer} (Coap:Messaging:MaxQueuedRequestsPerPeer).");
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

        if (refused is not null)
        {
            OnExchangeFailed(exchange, refused);
            return;
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
    }

    private ClientExchange RegisterExchange(CoapMessage request, PeerAddress peer, bool explicitToken)
    {
        lock (_exchangesGate)
        {
            var key = ReserveToken(request, explicitToken);
            var exchange = new ClientExchange(request, peer, key) { Owner = this };
            _exchanges.Add(key, exchange);
            return exchange;
        }
    }

    /// <summary>
    /// Picks a token no exchange and no observation holds (or checks the caller's), setting it on the
    /// request. Call under <see cref="_exchangesGate"/>.
    /// </summary>
    private TokenKey ReserveToken(CoapMessage request, bool explicitToken)
    {
        if (explicitToken)
        {
            var key = TokenKey.From(request.Token.Span);
            if (_exchanges.ContainsKey(key) || _observations.ContainsKey(key) || _transferSinks.ContainsKey(key) || IsGroupToken(key))
            {
                throw new InvalidOperationException("That token is in use by another outstanding request or observation, or in group token quarantine.");
            }

            return key;
        }

        Span<byte> token = stackalloc byte[CoapHeader.MaxTokenLength];
        var length = _options.TokenLength;
        TokenKey chosen;
        do
        {
            RandomNumberGenerator.Fill(token[..length]);
            chosen = TokenKey.From(token[..length]);
        }
        while (_exchanges.ContainsKey(chosen) || _observations.ContainsKey(chosen) || _transferSinks.ContainsKey(chosen) || IsGroupToken(chosen));

        request.Token = token[..length].ToArray();
        return chosen;
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
        if (exchange.Observation is { } observation)
        {
            // A (re-)registration that times out or is reset ends its observation with the same error.
            EndObservation(observation, exception);
        }
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

        if (TryDeliverToGroup(message, remote, key, ticket))
        {
            // Group requests (CoapEndpoint.ClientGroup.cs): matched by token alone, from any source.
            return;
        }

        ClientExchange? exchange;
        ClientObservation? observation = null;
        ITransferResponseSink? sink = null;
        lock (_exchangesGate)
        {
            var token = TokenKey.From(message.Token);
            if (!_exchanges.TryGetValue(token, out exchange))
            {
                sink = FindTransferSink(token, remote);
                if (sink is null && type != CoapMessageType.Acknowledgement)
                {
                    _observations.TryGetValue(token, out observation);
                }
            }
        }

        if (sink is not null)
        {
            if (type == CoapMessageType.Confirmable)
            {
                AcknowledgeSeparateResponse(key, ticket);
            }

            DeliverToTransfer(sink, new CoapResponse(CoapMessage.FromView(message), remote.ToEndPoint()));
            return;
        }

        if (exchange is null && observation is not null && observation.Peer.Equals(remote))
        {
            // A notification (RFC 7641 §4.2): acknowledged like a separate response if CON.
            if (type == CoapMessageType.Confirmable)
            {
                AcknowledgeSeparateResponse(key, ticket);
            }

            DeliverNotification(observation, new CoapResponse(CoapMessage.FromView(message), remote.ToEndPoint()), toRegistration: false);
            return;
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
        if (exchange.Observation is { } registered)
        {
            // Buffered before anything else can arrive for the token, so the registration response comes first.
            DeliverNotification(registered, response, toRegistration: true);
        }

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

        EndAllObservations(exception);
        EndAllGroupExchanges(exception);
    }
}
