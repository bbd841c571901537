using Coap.BlockWise.Outbound;
using Coap.Codec;
using Coap.Diagnostics;

namespace Coap.Endpoint;

/// <summary>Q-Block2 (RFC 9177 §4.4, §7.2): large responses in paced sets, 'Continue', missing-block requests.</summary>
internal sealed partial class CoapEndpoint
{
    private ResponseBodyCache? _qblockBodies;

    /// <summary>The body <see cref="PrepareQBlock2"/> captured for the response this thread is completing.</summary>
    [ThreadStatic]
    private static (CoapContext? Context, OutboundBody? Body) t_preparedQBlock2;

    /// <summary>Q-Block2 bodies kept for missing-block requests and 'Continue' for NON_PARTIAL_TIMEOUT (QB-39).</summary>
    internal ResponseBodyCache QBlockBodies =>
        _qblockBodies ?? Interlocked.CompareExchange(ref _qblockBodies, new ResponseBodyCache(
            new CoapBlockWiseOptions { MaxCachedResponseBytes = BlockWise.MaxCachedResponseBytes, ResponseCacheLifetime = BlockWise.QBlock.NonPartialTimeout }, _time), null) ?? _qblockBodies;

    /// <summary>QB-04: the response goes with Q-Block2 when the request carried Q-Block2 or Q-Block1 and its action uses Q-Block.</summary>
    private bool UsesQBlock2(CoapContext context) =>
        (context.TryGetOption(CoapOptionNumber.QBlock2, out _) || context.TryGetOption(CoapOptionNumber.QBlock1, out _)) && QBlockOptionsFor(context) is not null;

    /// <summary>'Continue' and missing-block requests for a body still kept; multicast Q-Block2 requests are ignored (QB-42).</summary>
    private bool TryInterceptQBlock2(CoapContext context)
    {
        if (!context.TryGetOption(CoapOptionNumber.QBlock2, out _))
        {
            return false;
        }

        if (context.IsMulticast)
        {
            // RFC 9177 §4.8: a server MUST ignore a multicast request carrying Q-Block2.
            CoapLog.QBlock2MulticastIgnored(_logger, new PeerAddressText(context.Peer));
            EndWithoutResponse(context, acknowledge: false);
            return true;
        }

        if (QBlockOptionsFor(context) is not { } options)
        {
            return false;
        }

        var requested = QBlock2Requests.ReadOptions(context);
        if (requested is null)
        {
            // QB-34: NUMs not strictly increasing (or a malformed value).
            context.Response.Code = CoapCode.BadRequest;
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload("Q-Block2 block numbers must be strictly increasing");
            CompleteResponse(context);
            return true;
        }

        var namesEarlierBody = ResponseRequestKey.NamesEarlierBody(context);
        if (requested.Count == 1 && requested[0].Number == 0 && !namesEarlierBody)
        {
            // The whole body (M=1) or its first block (M=0): the handler renders it.
            return false;
        }

        var first = requested[0];
        var isContinue = QBlock2Requests.IsContinue(requested, options.MaxPayloads);
        var key = ResponseRequestKey.Write(context, out var hash, keepRequestTag: true);
        if (!QBlockBodies.TryGet(context.Peer, key, hash, out var body))
        {
            if (isContinue && FindContinuable(context.Peer, first) is { } running && running.Continue(QBlock2Requests.ToBlockNumber(first, running.SizeExponent)))
            {
                // A FETCH 'Continue' need not repeat the request body (Figure 13): the peer's paused body goes on.
                EndWithoutResponse(context, acknowledge: true);
                return true;
            }

            if (namesEarlierBody)
            {
                // Figure 16: blocks of the response to a body sent earlier, no longer kept. The handler would see an
                // empty body; the client has to send the body again (RFC 7959 §2.9.2 semantics).
                CoapLog.QBlock2BodyGone(_logger, new PeerAddressText(context.Peer));
                context.Response.Code = CoapCode.RequestEntityIncomplete;
                context.Response.SetContentFormat(CoapContentFormat.TextPlain);
                context.Response.WritePayload("The response to that request body is no longer kept: send the body again");
                CompleteResponse(context);
                return true;
            }

            // QB-39: no copy kept; the handler renders the current representation (new ETag, Size2).
            return false;
        }

        if (isContinue)
        {
            QBlock2Sender? sender;
            lock (_qblockGate)
            {
                _qblockSenders.TryGetValue((context.Peer, body), out sender);
            }

            if (sender is not null)
            {
                // QB-44: the next set goes with the original token and Observe; this request gets no response of its own.
                var number = QBlock2Requests.ToBlockNumber(first, sender.SizeExponent);
                if (!sender.Continue(number))
                {
                    // That set already went (the pause elapsed): send it again as the continuation (Figure 11).
                    var set = QBlock2Requests.ExpandRequested(requested, body, sender.SizeExponent, options.MaxPayloads);
                    if (set.Length > 0)
                    {
                        new QBlock2Sender(this, _time, sender.Peer, sender.Token, body, sender.SizeExponent, sender.Observe, sender.Type,
                            options.MaxPayloads, sender.Pause, set).Start(firstAlreadySent: false);
                    }
                }

                EndWithoutResponse(context, acknowledge: true);
                return true;
            }
        }

        var sizeExponent = ChooseQBlockSizeExponent(body, context.TokenLength, options, first.SizeExponent);
        var blocks = QBlock2Requests.ExpandRequested(requested, body, sizeExponent, options.MaxPayloads);
        if (blocks.Length == 0)
        {
            context.Response.Code = CoapCode.BadOption;
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload("Q-Block2 beyond the end of the representation");
            CompleteResponse(context);
            return true;
        }

        // QB-41, QB-44: answered with the requester's token, without Observe.
        StartQBlock2(context, body, blocks, sizeExponent, observe: null, options, register: false);
        return true;
    }

    /// <summary>
    /// Before Observe registration and sending: a handler's response too large for one message becomes its first
    /// Q-Block2 payload, and the body is kept (QB-39) for <see cref="TrySendQBlock2"/> and later requests.
    /// </summary>
    private void PrepareQBlock2(CoapContext context)
    {
        var response = context.Response;
        var options = QBlockOptionsFor(context)!;
        var requested = QBlock2Requests.ReadOptions(context) ?? [];
        var asked = requested.Count > 0 ? requested[0] : (CoapBlock?)null;
        var fits = CoapHeader.Size + context.TokenLength + response.GetEncodedBodySize() <= _options.MaxMessageSize &&
            (asked is null || response.Payload.Length <= asked.Value.Size);
        if (fits && (asked is null || asked.Value.Number == 0))
        {
            if (asked is { } first)
            {
                // One payload, still marked Q-Block2: the answer a client's support probe looks for (RFC 9177 §4.1).
                response.AddOption(CoapOptionNumber.QBlock2, new CoapBlock(0, more: false, first.SizeExponent).Value);
            }

            return;
        }

        var body = OutboundBody.Capture(response);
        var key = ResponseRequestKey.Write(context, out var hash, keepRequestTag: true);
        QBlockBodies.Put(context.Peer, key, hash, body);
        var sizeExponent = ChooseQBlockSizeExponent(body, context.TokenLength, options, asked?.SizeExponent);
        var blocks = QBlock2Requests.BlocksToSend(requested, body, sizeExponent, options.MaxPayloads);
        if (blocks.Length == 0)
        {
            response.Reset();
            response.Code = CoapCode.BadOption;
            return;
        }

        body.WriteBlock(response, CoapOptionNumber.QBlock2, blocks[0], sizeExponent, size2: true, observe: null);
        t_preparedQBlock2 = (context, body);
    }

    /// <summary>Sends the rest of a Q-Block2 body whose first payload <see cref="PrepareQBlock2"/> loaded. Returns true when it did.</summary>
    private bool TrySendQBlock2(CoapContext context, CoapMessageType type, ushort messageId)
    {
        var response = context.Response;
        var (preparedFor, body) = t_preparedQBlock2;
        t_preparedQBlock2 = default;
        if (preparedFor != context || body is null || !response.TryGetUInt(CoapOptionNumber.QBlock2, out var loaded) ||
            QBlockOptionsFor(context) is not { } options)
        {
            // A handler that loaded its own Q-Block2 payload: it goes as it is.
            return false;
        }

        var sizeExponent = (int)(loaded & 7);
        var requested = QBlock2Requests.ReadOptions(context) ?? [];
        var blocks = QBlock2Requests.BlocksToSend(requested, body, sizeExponent, options.MaxPayloads);
        var whole = QBlock2Requests.IsWholeBody(requested);
        uint? observe = whole && response.TryGetUInt(CoapOptionNumber.Observe, out var sequence) ? sequence : null;
        StartQBlock2(context, body, blocks, sizeExponent, observe, options, register: whole, type, messageId);
        return true;
    }

    /// <summary>
    /// Answers a request with chosen blocks: the first as the response to the request (piggybacked on the ACK for
    /// a CON, QB-43), the others from a sender on the request's token, all of the request's type (QB-50).
    /// </summary>
    private void StartQBlock2(CoapContext context, OutboundBody body, int[] blocks, int sizeExponent, uint? observe, CoapQBlockOptions options,
        bool register, CoapMessageType? type = null, ushort messageId = 0)
    {
        var senderType = context.Type == CoapMessageType.NonConfirmable ? CoapMessageType.NonConfirmable : CoapMessageType.Confirmable;
        var sender = new QBlock2Sender(this, _time, context.Peer, context.Token.ToArray(), body, sizeExponent, observe, senderType,
            options.MaxPayloads, DrawPause(options), blocks);
        if (register)
        {
            Register(sender);
        }

        sender.LoadBlock(context.Response, blocks[0]);
        if (type is null)
        {
            // Intercepted before any handler or timer: the first payload answers the request now.
            lock (context.Gate)
            {
                context.Responded = true;
            }

            var confirmable = context.Type == CoapMessageType.Confirmable;
            SendFirstPayload(context, sender, confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable,
                confirmable ? context.MessageId : NextMessageId(context.Peer));
            ReleaseInFlight();
            _contexts.Return(context);
        }
        else
        {
            SendFirstPayload(context, sender, type.Value, messageId);
        }

        sender.Start(firstAlreadySent: true);
    }

    /// <summary>What <see cref="SendResponse"/> does for one message, with CON payloads tied to the sender (QB-43).</summary>
    private void SendFirstPayload(CoapContext context, QBlock2Sender sender, CoapMessageType type, ushort messageId)
    {
        var buffer = SendBuffer;
        var length = Encode(buffer, context, type, messageId);
        var encoded = buffer.AsSpan(0, length);
        _metrics.Response(context.Response.Code);
        if (type == CoapMessageType.Confirmable)
        {
            Transmit(new QBlock2PayloadTransmission(sender, messageId, encoded.ToArray()));
            return;
        }

        _transport.Send(encoded, context.Peer);
        if (type == CoapMessageType.Acknowledgement)
        {
            _deduplication.Complete(context.DeduplicationTicket, encoded);
        }
        else
        {
            _deduplication.Complete(context.DeduplicationTicket);
        }
    }

    /// <summary>Ends a request that gets no response: an empty ACK for a CON (when asked), then the context is released.</summary>
    private void EndWithoutResponse(CoapContext context, bool acknowledge)
    {
        lock (context.Gate)
        {
            context.Responded = true;
        }

        if (acknowledge && context.Type == CoapMessageType.Confirmable)
        {
            Span<byte> ack = stackalloc byte[CoapHeader.Size];
            WriteEmpty(ack, CoapMessageType.Acknowledgement, context.MessageId);
            _transport.Send(ack, context.Peer);
            _deduplication.Complete(context.DeduplicationTicket, ack);
        }
        else
        {
            _deduplication.Complete(context.DeduplicationTicket);
        }

        ReleaseInFlight();
        _contexts.Return(context);
    }

    private int ChooseQBlockSizeExponent(OutboundBody body, int tokenLength, CoapQBlockOptions options, int? requested)
    {
        var preferred = CoapBlock.ToSizeExponent(options.PreferredBlockSize ?? BlockWise.PreferredBlockSize);
        var exponent = Math.Min(preferred, requested ?? 6);
        var overhead = CoapHeader.Size + tokenLength + body.MaxOptionsSize() + 1;
        while (exponent > 0 && overhead + (16 << exponent) > _options.MaxMessageSize)
        {
            exponent--;
        }

        return exponent;
    }
}
