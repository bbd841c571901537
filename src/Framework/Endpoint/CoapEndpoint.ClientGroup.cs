using System.Net;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Exchanges;
using Coap.Messaging;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>
/// Client-side group requests (draft-ietf-core-groupcomm-bis §3.1): one NON request to a multicast address, then
/// every response on its token, from any source, until the deadline. The token is then quarantined for
/// MIN_TOKEN_REUSE_TIME (§3.1.5): no request takes it, and responses still arriving on it are dropped without a
/// Reset (CON ones are acknowledged so the server stops retransmitting).
/// </summary>
internal sealed partial class CoapEndpoint
{
    /// <summary>Group requests collecting responses. Guarded by <see cref="_exchangesGate"/>, like every token table.</summary>
    private readonly Dictionary<TokenKey, GroupExchange> _groupExchanges = [];

    /// <summary>Tokens of ended group requests. Guarded by <see cref="_exchangesGate"/>.</summary>
    private readonly GroupTokenQuarantine _groupQuarantine = new();

    /// <summary>Group requests collecting responses.</summary>
    public int ActiveGroupExchanges
    {
        get
        {
            lock (_exchangesGate)
            {
                return _groupExchanges.Count;
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (code, options and payload set; its type is made NON) to
    /// <paramref name="group"/> once the group's NSTART and PROBING_RATE allow (§3.6), and collects responses for
    /// <paramref name="timeout"/> from then on, or until <paramref name="cancellationToken"/> fires or
    /// <see cref="EndGroupExchange"/> is called.
    /// </summary>
    /// <exception cref="CoapException"><see cref="CoapGroupClientOptions.MaxGroupTokens"/> tokens are in flight or in quarantine,
    /// or <see cref="CoapGroupClientOptions.MaxQueuedRequestsPerGroup"/> requests wait for the group already.</exception>
    /// <exception cref="InvalidOperationException">The request's own token is in use or in quarantine.</exception>
    public GroupExchange StartGroupExchange(CoapMessage request, IPEndPoint group, bool explicitToken, TimeSpan timeout, CoapGroupClientOptions options, GroupParameterTable parameters, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        var peer = _transport.GetPeerAddress(group);
        request.Type = CoapMessageType.NonConfirmable;
        var size = MeasureGroupRequest(request, explicitToken);
        if (size > options.MaxRequestSize)
        {
            throw new ArgumentException($"The group request takes {size} bytes, more than CoapGroupClientOptions.MaxRequestSize ({options.MaxRequestSize}): a group request has no Block1, and large ones fragment.", nameof(request));
        }

        GroupExchange exchange;
        bool admitted;
        lock (_exchangesGate)
        {
            _groupQuarantine.Purge(Now);
            if (_groupExchanges.Count + _groupQuarantine.Count >= options.MaxGroupTokens)
            {
                CoapLog.GroupTokensExhausted(_logger, options.MaxGroupTokens);
                throw new CoapException($"Too many group tokens in flight or in quarantine ({options.MaxGroupTokens}; CoapGroupClientOptions.MaxGroupTokens).");
            }

            var traffic = GroupTrafficFor(peer, parameters.For(group), options.MaxGroupTokens);
            admitted = traffic.Holding < traffic.Parameters.NStart && traffic.Waiting.Count == 0;
            if (!admitted && traffic.Waiting.Count >= options.MaxQueuedRequestsPerGroup)
            {
                CoapLog.GroupQueueFull(_logger, new PeerAddressText(peer), options.MaxQueuedRequestsPerGroup);
                throw new CoapException($"Too many group requests wait for {peer} ({options.MaxQueuedRequestsPerGroup}; CoapGroupClientOptions.MaxQueuedRequestsPerGroup).");
            }

            var token = ReserveToken(request, explicitToken);
            exchange = new GroupExchange(request, peer, token, options.ResponseBufferCapacity, traffic, timeout);
            _groupExchanges.Add(token, exchange);
            if (admitted)
            {
                traffic.Holding++;
                exchange.HoldsSlot = true;
            }
            else
            {
                traffic.Waiting.Enqueue(exchange);
            }
        }

        exchange.RepeatsLeft = options.RequestRepeats;
        exchange.RepeatInterval = request.Options.Contains(CoapOptionNumber.Observe) && options.RepeatInterval < exchange.Traffic.Parameters.MaxServerResponseDelay
            ? exchange.Traffic.Parameters.MaxServerResponseDelay // GC-LEI-06: a group registration is repeated only after RTT + Leisure
            : options.RepeatInterval;
        if (cancellationToken.CanBeCanceled)
        {
            exchange.Cancellation = cancellationToken.Register(
                static state =>
                {
                    var (endpoint, ended) = ((CoapEndpoint, GroupExchange))state!;
                    endpoint.EndGroupExchange(ended);
                },
                (this, exchange));
        }

        if (admitted)
        {
            LaunchGroupRequest(exchange);
        }
        else
        {
            _metrics.GroupRequestWaited(GroupWait.NStart);
            CoapLog.GroupRequestQueued(_logger, request.Code, new PeerAddressText(peer), exchange.Traffic.Parameters.NStart);
        }

        return exchange;
    }

    /// <summary>The request's size on the wire once it has its token (a generated one has the configured length).</summary>
    private int MeasureGroupRequest(CoapMessage request, bool explicitToken)
    {
        lock (request)
        {
            var length = request.Encode(SendBuffer);
            return explicitToken ? length : length - request.Token.Length + _options.TokenLength;
        }
    }

    /// <summary>Sends the group request once more on its token, under a new message ID, while the exchange collects.</summary>
    private void RepeatGroupRequest(GroupExchange exchange)
    {
        lock (_exchangesGate)
        {
            if (!IsActive(exchange) || exchange.RepeatsLeft <= 0)
            {
                return;
            }

            var now = Now;
            var earliest = exchange.Traffic.EarliestSend(now, _time.TimestampFrequency);
            if (earliest > now)
            {
                // The group said nothing since the last transmission: the repeat waits for the probing rate.
                exchange.Repeater?.Change(_time.GetElapsedTime(now, earliest), Timeout.InfiniteTimeSpan);
                return;
            }

            exchange.RepeatsLeft--;
        }

        SendGroupRequest(exchange);
        if (exchange.RepeatsLeft > 0)
        {
            exchange.Repeater?.Change(exchange.RepeatInterval, Timeout.InfiniteTimeSpan);
        }

        if (exchange.HoldsSlot)
        {
            exchange.SlotRelease?.Change(exchange.Traffic.Parameters.MaxServerResponseDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Encodes the request under a new message ID, notes the transmission for the probing rate, and sends it.</summary>
    private void SendGroupRequest(GroupExchange exchange)
    {
        var request = exchange.Request;
        var peer = exchange.Group;
        var buffer = SendBuffer;
        int length;
        lock (request)
        {
            request.MessageId = NextMessageId(peer);
            length = request.Encode(buffer);
        }

        lock (_exchangesGate)
        {
            var traffic = exchange.Traffic;
            traffic.Answered = false;
            traffic.LastSentAt = Now;
            traffic.LastSentBytes = length;
        }

        _transport.Send(buffer.AsSpan(0, length), peer);
        _metrics.GroupRequestSent();
    }

    /// <summary>
    /// Stops collecting responses for a group request, quarantines its token when it went out, and gives its NSTART
    /// place to the next waiting request. Safe to call more than once.
    /// </summary>
    public void EndGroupExchange(GroupExchange exchange, Exception? failure = null)
    {
        bool launched;
        lock (_exchangesGate)
        {
            if (!IsActive(exchange))
            {
                return;
            }

            _groupExchanges.Remove(exchange.Token);
            launched = exchange.Launched;
            if (launched)
            {
                _groupQuarantine.Add(exchange.Token, Now + (long)(exchange.Quarantine.TotalSeconds * _time.TimestampFrequency));
            }

            var traffic = exchange.Traffic;
            traffic.Paced.Remove(exchange);
            if (!exchange.HoldsSlot && traffic.Waiting.Contains(exchange))
            {
                // Leaves its place in line at once, or the bounded queue would count it until its turn.
                var others = traffic.Waiting.Where(waiting => waiting != exchange).ToArray();
                traffic.Waiting.Clear();
                foreach (var waiting in others)
                {
                    traffic.Waiting.Enqueue(waiting);
                }
            }
        }

        if (exchange.End(failure) && launched)
        {
            CoapLog.GroupRequestEnded(_logger, exchange.Method, new PeerAddressText(exchange.Group), exchange.Accepted, exchange.Quarantine);
        }

        ReleaseGroupSlot(exchange);
    }

    /// <summary>Whether the exchange still collects (or waits to go out). Call under <see cref="_exchangesGate"/>.</summary>
    private bool IsActive(GroupExchange exchange) =>
        _groupExchanges.TryGetValue(exchange.Token, out var current) && current == exchange;

    /// <summary>
    /// Cancels a group observation at every member at once (§3.7): the registration again, same token, Observe: 1, a
    /// new message ID, once. Answers land on the quarantined token and are dropped; a member that missed it gets a
    /// Reset for its next notification once the quarantine is over.
    /// </summary>
    public void SendGroupDeregistration(GroupExchange exchange)
    {
        if (_stopping.IsCancellationRequested || !exchange.Launched)
        {
            // A registration that never went out has nothing to cancel.
            return;
        }

        var registration = exchange.Request;
        var request = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = registration.Code, Token = registration.Token, Payload = registration.Payload };
        foreach (var option in registration.Options)
        {
            if (option.Number != CoapOptionNumber.Observe)
            {
                request.Options.Add(option);
            }
        }

        request.Options.Add(CoapOptionNumber.Observe, 1u);
        request.MessageId = NextMessageId(exchange.Group);
        var buffer = SendBuffer;
        var length = request.Encode(buffer);
        _transport.Send(buffer.AsSpan(0, length), exchange.Group);
    }

    /// <summary>Whether a group request holds the token or it is in quarantine. Call under <see cref="_exchangesGate"/>.</summary>
    private bool IsGroupToken(TokenKey token) =>
        _groupExchanges.ContainsKey(token) || _groupQuarantine.Contains(token, Now);

    /// <summary>
    /// Takes a response whose token belongs to a group request, active or ended; false when it does not. Any source
    /// matches (§3.1.4). A CON response is acknowledged (bis-latest §3.1.1: clients must be ready for them); a response
    /// after the end is dropped without a Reset. Duplicate CON responses never reach here: deduplication re-acknowledges them.
    /// </summary>
    private bool TryDeliverToGroup(in CoapMessageView message, in PeerAddress remote, in ExchangeKey key, DeduplicationTicket ticket)
    {
        GroupExchange? exchange;
        lock (_exchangesGate)
        {
            if (_groupExchanges.Count == 0 && _groupQuarantine.Count == 0)
            {
                return false;
            }

            var token = TokenKey.From(message.Token);
            if (!_groupExchanges.TryGetValue(token, out exchange) && !_groupQuarantine.Contains(token, Now))
            {
                return false;
            }
        }

        var type = message.Type;
        if (type == CoapMessageType.Confirmable)
        {
            AcknowledgeSeparateResponse(key, ticket);
        }

        if (exchange is null || type == CoapMessageType.Acknowledgement)
        {
            // Late, or an ACK: a group request is NON, so nothing can acknowledge it.
            DropLateGroupResponse(message.Code, remote);
            return true;
        }

        var response = new CoapResponse(CoapMessage.FromView(message), remote.ToEndPoint());
        switch (exchange.Offer(response, key))
        {
            case GroupOffer.Accepted:
                _metrics.GroupResponseReceived();
                OnGroupAnswered(exchange.Traffic);
                break;
            case GroupOffer.Duplicate:
                _metrics.GroupResponseDuplicate();
                CoapLog.GroupDuplicateResponse(_logger, key.MessageId, new PeerAddressText(remote));
                break;
            case GroupOffer.Overflow:
                _metrics.GroupResponseOverflow();
                CoapLog.GroupResponseOverflow(_logger, response.Code, new PeerAddressText(remote));
                break;
            default:
                DropLateGroupResponse(response.Code, remote);
                break;
        }

        return true;
    }

    private void DropLateGroupResponse(CoapCode code, in PeerAddress remote)
    {
        _metrics.GroupResponseLate();
        CoapLog.GroupLateResponse(_logger, code, new PeerAddressText(remote));
    }

    private void EndAllGroupExchanges(Exception exception)
    {
        GroupExchange[] active;
        lock (_exchangesGate)
        {
            active = [.. _groupExchanges.Values];
        }

        foreach (var exchange in active)
        {
            EndGroupExchange(exchange, exception);
        }
    }
}
