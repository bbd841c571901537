using Coap.BlockWise.Outbound;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Observe;
using Coap.Transport;

namespace Coap.Endpoint;

/// <summary>Q-Block2 (RFC 9177 §4.4, §7.2): large responses in paced sets, 'Continue', missing-block requests.</summary>
internal sealed partial class CoapEndpoint : IQBlock2Transport
{
    private readonly Lock _qblockGate = new();
    private readonly Dictionary<(PeerAddress Peer, OutboundBody Body), QBlock2Sender> _qblockSenders = [];
    private ResponseBodyCache? _qblockBodies;

    /// <summary>The body <see cref="PrepareQBlock2"/> captured for the response this thread is completing.</summary>
    [ThreadStatic]
    private static (CoapContext? Context, OutboundBody? Body) t_preparedQBlock2;

    /// <summary>Draws NON_TIMEOUT_RANDOM (replaceable for tests).</summary>
    internal Random QBlockRandom { get; set; } = Random.Shared;

    /// <summary>Q-Block2 bodies kept for missing-block requests and 'Continue' for NON_PARTIAL_TIMEOUT (QB-39).</summary>
    internal ResponseBodyCache QBlockBodies =>
        _qblockBodies ?? Interlocked.CompareExchange(ref _qblockBodies, new ResponseBodyCache(
            new CoapBlockWiseOptions { MaxCachedResponseBytes = BlockWise.MaxCachedResponseBytes, ResponseCacheLifetime = BlockWise.QBlock.NonPartialTimeout }, _time), null) ?? _qblockBodies;

    /// <summary>Senders still pacing a whole body (they take 'Continue').</summary>
    internal int ActiveQBlock2Transfers
    {
        get
        {
            lock (_qblockGate)
            {
                return _qblockSenders.Count;
            }
        }
    }

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

        var requested = ReadQBlock2Options(context);
        if (requested is null)
        {
            // QB-34: NUMs not strictly increasing (or a malformed value).
            context.Response.Code = CoapCode.BadRequest;
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.WritePayload("Q-Block2 block numbers must be strictly increasing");
            CompleteResponse(context);
            return true;
        }

        if (requested.Count == 1 && requested[0].Number == 0)
        {
            // The whole body (M=1) or its first block (M=0): the handler renders it.
            return false;
        }

        var first = requested[0];
        var isContinue = requested.Count == 1 && first.More && first.Number % options.MaxPayloads == 0;
        var key = ResponseRequestKey.Write(context, out var hash);
        if (!QBlockBodies.TryGet(context.Peer, key, hash, out var body))
        {
            if (isContinue && FindContinuable(context.Peer, first) is { } running && running.Continue(ToBlockNumber(first, running.SizeExponent)))
            {
                // A FETCH 'Continue' need not repeat the request body (Figure 13): the peer's paused body goes on.
                EndWithoutResponse(context, acknowledge: true);
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
                var number = ToBlockNumber(first, sender.SizeExponent);
                if (!sender.Continue(number))
                {
                    // That set already went (the pause elapsed): send it again as the continuation (Figure 11).
                    var set = ExpandRequested(requested, body, sender.SizeExponent, options.MaxPayloads);
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
        var blocks = ExpandRequested(requested, body, sizeExponent, options.MaxPayloads);
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
        var requested = ReadQBlock2Options(context) ?? [];
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
        var key = ResponseRequestKey.Write(context, out var hash);
        QBlockBodies.Put(context.Peer, key, hash, body);
        var sizeExponent = ChooseQBlockSizeExponent(body, context.TokenLength, options, asked?.SizeExponent);
        var blocks = BlocksToSend(requested, body, sizeExponent, options.MaxPayloads);
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
        var requested = ReadQBlock2Options(context) ?? [];
        var blocks = BlocksToSend(requested, body, sizeExponent, options.MaxPayloads);
        var whole = IsWholeBody(requested);
        uint? observe = whole && response.TryGetUInt(CoapOptionNumber.Observe, out var sequence) ? sequence : null;
        StartQBlock2(context, body, blocks, sizeExponent, observe, options, register: whole, type, messageId);
        return true;
    }

    /// <summary>No Q-Block2 option (the request had Q-Block1), or NUM 0 with M set: the whole body, paced.</summary>
    private static bool IsWholeBody(List<CoapBlock> requested) =>
        requested.Count == 0 || (requested.Count == 1 && requested[0].Number == 0 && requested[0].More);

    private static int[] BlocksToSend(List<CoapBlock> requested, OutboundBody body, int sizeExponent, int maxPayloads) =>
        IsWholeBody(requested)
            ? Enumerable.Range(0, body.CountBlocks(16 << sizeExponent)).ToArray()
            : ExpandRequested(requested, body, sizeExponent, maxPayloads);

    /// <summary>
    /// Starts sending a Q-Block2 notification body to one observer (Figures 8, 9, 19): every payload carries the
    /// notification's Observe value (QB-41); returns the first payload's message ID. </summary>
    internal ushort SendQBlock2Notification(in PeerAddress peer, byte[] token, NotificationBlocks blocks, uint sequence, bool confirmable)
    {
        var options = blocks.QBlock!;
        var count = blocks.Body.CountBlocks(16 << blocks.SizeExponent);
        var type = confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        var sender = new QBlock2Sender(this, _time, peer, token, blocks.Body, blocks.SizeExponent, sequence & 0xFF_FFFF, type,
            options.MaxPayloads, DrawPause(options), Enumerable.Range(0, count).ToArray());
        QBlockBodies.Put(peer, blocks.RequestKey, blocks.RequestHash, blocks.Body);
        Register(sender);
        sender.Start(firstAlreadySent: false);
        return sender.FirstMessageId;
    }

    ushort IQBlock2Transport.SendPayload(QBlock2Sender sender, CoapResponseWriter response)
    {
        var messageId = NextMessageId(sender.Peer);
        var buffer = SendBuffer;
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(sender.Type, response.Code, messageId, sender.Token);
        response.WriteBody(ref writer);
        var encoded = buffer.AsSpan(0, writer.BytesWritten);
        _metrics.Response(response.Code);
        if (sender.Type == CoapMessageType.Confirmable)
        {
            Transmit(new QBlock2PayloadTransmission(sender, messageId, encoded.ToArray()));
        }
        else
        {
            _transport.Send(encoded, sender.Peer);
        }

        return messageId;
    }

    bool IQBlock2Transport.Stopping => _stopping.IsCancellationRequested;

    /// <summary>
    /// A finished sender stays registered for NON_PARTIAL_TIMEOUT: a late 'Continue' still gets its set with the
    /// original token and Observe (Figure 11); <see cref="Register"/> prunes it.
    /// </summary>
    void IQBlock2Transport.OnFinished(QBlock2Sender sender) => sender.FinishedAt = Now;

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

    /// <summary>
    /// Tracks a whole-body sender for 'Continue'. A new body on the same token supersedes the previous one (a newer
    /// notification, QB-40), whose pacing stops; senders finished longer than NON_PARTIAL_TIMEOUT ago are dropped.
    /// </summary>
    private void Register(QBlock2Sender sender)
    {
        List<QBlock2Sender>? superseded = null;
        var now = Now;
        var keep = (long)(BlockWise.QBlock.NonPartialTimeout.TotalSeconds * _time.TimestampFrequency);
        lock (_qblockGate)
        {
            foreach (var (key, other) in _qblockSenders)
            {
                var sameObservation = other.Peer.Equals(sender.Peer) && other.Token.AsSpan().SequenceEqual(sender.Token);
                var stale = other.FinishedAt != 0 && now - other.FinishedAt > keep;
                if (sameObservation || stale)
                {
                    (superseded ??= []).Add(other);
                }
            }

            foreach (var other in superseded ?? [])
            {
                _qblockSenders.Remove((other.Peer, other.Body));
            }

            // Bounded per peer (MaxTransfersPerPeer): finished senders make room first, then the others.
            var ofPeer = _qblockSenders.Values.Where(other => other.Peer.Equals(sender.Peer)).OrderBy(other => other.FinishedAt == 0).ToList();
            for (var i = 0; i <= ofPeer.Count - BlockWise.MaxTransfersPerPeer; i++)
            {
                _qblockSenders.Remove((ofPeer[i].Peer, ofPeer[i].Body));
                (superseded ??= []).Add(ofPeer[i]);
            }

            _qblockSenders[(sender.Peer, sender.Body)] = sender;
        }

        foreach (var other in superseded ?? [])
        {
            other.Stop();
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

    /// <summary>A running whole-body sender to this peer waiting to send the set a 'Continue' asks for.</summary>
    private QBlock2Sender? FindContinuable(in PeerAddress peer, CoapBlock requested)
    {
        QBlock2Sender? found = null;
        lock (_qblockGate)
        {
            foreach (var sender in _qblockSenders.Values)
            {
                if (sender.Peer.Equals(peer) && sender.FinishedAt == 0 && sender.NextBlock == ToBlockNumber(requested, sender.SizeExponent))
                {
                    found = sender;
                }
            }
        }

        return found;
    }

    /// <summary>NON_TIMEOUT_RANDOM: uniform in [NON_TIMEOUT, NON_TIMEOUT × 1.5], drawn once per body (RFC 9177 §7.2).</summary>
    private TimeSpan DrawPause(CoapQBlockOptions options)
    {
        double fraction;
        lock (QBlockRandom)
        {
            fraction = QBlockRandom.NextDouble();
        }

        return options.NonTimeout + ((options.NonTimeoutRandomMax - options.NonTimeout) * fraction);
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

    /// <summary>The block number, at <paramref name="sizeExponent"/>, where a requested block starts.</summary>
    private static int ToBlockNumber(CoapBlock requested, int sizeExponent) => (int)(requested.Offset / (16 << sizeExponent));

    /// <summary>
    /// The blocks a missing-block request asks for (QB-30): M=0 that block; M=1 that block and the rest of its
    /// MAX_PAYLOADS_SET (NUM 0: the whole body). Each block once, ascending (QB-31); blocks past the end are left out.
    /// </summary>
    private static int[] ExpandRequested(List<CoapBlock> requested, OutboundBody body, int sizeExponent, int maxPayloads)
    {
        var count = body.CountBlocks(16 << sizeExponent);
        var blocks = new SortedSet<int>();
        foreach (var block in requested)
        {
            var number = ToBlockNumber(block, sizeExponent);
            if (!block.More)
            {
                blocks.Add(number);
                continue;
            }

            var end = number == 0 ? count : ((number / maxPayloads) + 1) * maxPayloads;
            for (var n = number; n < Math.Min(end, count); n++)
            {
                blocks.Add(n);
            }
        }

        blocks.RemoveWhere(n => n >= count);
        return [.. blocks];
    }

    /// <summary>All Q-Block2 options of the request; null when one is malformed or the NUMs are not strictly increasing (QB-34).</summary>
    private static List<CoapBlock>? ReadQBlock2Options(CoapContext context)
    {
        var list = new List<CoapBlock>();
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number != CoapOptionNumber.QBlock2)
            {
                continue;
            }

            if (!CoapBlock.TryDecode(cursor.Value, out var block) || (list.Count > 0 && block.Offset <= list[^1].Offset))
            {
                return null;
            }

            list.Add(block);
        }

        return list;
    }
}
