using Coap.BlockWise.Inbound;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Transport;
using MissingBlocksCodec = Coap.BlockWise.MissingBlocks;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint : IInboundTransferSender
{
    private readonly Lock _qblockOptionsGate = new();
    private readonly Dictionary<QBlockAttribute, CoapQBlockOptions> _qblockOptions = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<CoapQBlockOptions> _qblockWarned = new(ReferenceEqualityComparer.Instance);
    private InboundTransfers? _inbound;

    /// <summary>The partial request bodies (created when the endpoint starts).</summary>
    internal InboundTransfers InboundTransfers => _inbound ??= new InboundTransfers(BlockWise, _time, this, _logger);

    /// <summary>Whether this endpoint recognises Q-Block1 and Q-Block2 (RFC 9177 §4.1).</summary>
    internal bool QBlockEnabled => BlockWise.QBlock.Enabled || TransferPolicy?.HasQBlockRoutes == true;

    /// <summary>Called on start: the reassembly store, and options 19 and 31 when some resource uses Q-Block (QB-01, QB-02).</summary>
    private void StartInboundTransfers()
    {
        _ = InboundTransfers;
        if (QBlockEnabled)
        {
            _supportedOptions.EnableQBlock();
        }
    }

    /// <summary>Called on dispose: frees every partial body and stops its timer.</summary>
    private void StopInboundTransfers() => _inbound?.Dispose();

    /// <summary>
    /// Request bodies in blocks (Block1, Q-Block1). Returns true when it took the request over: it then
    /// answers it (<see cref="CompleteResponse"/>) or dispatches it with the whole body (<see cref="Dispatch"/>).
    /// </summary>
    private bool TryInterceptInbound(CoapContext context)
    {
        var options = InboundBlockOptions.Read(context.Options);
        if (!options.HasBlock1 && !options.HasQBlock)
        {
            return false;
        }

        if (options.HasQBlock)
        {
            var qblock = QBlockOptionsFor(context);
            if (qblock is null && !options.HasQBlock1 && IsSupportProbe(context))
            {
                // The support probe (CON GET /.well-known/core with Q-Block2, RFC 9177 §4.1) must not be refused
                // on an endpoint that does Q-Block, or clients would fall back for every resource.
                return false;
            }

            if (qblock is null)
            {
                // Q-Block is on at this endpoint but not for this resource: 4.02 lets the client fall back (seeds §9.1).
                RejectQBlock(context, "Q-Block not enabled for this resource");
                return true;
            }

            if (!options.HasQBlock1)
            {
                return false;
            }

            if (!CarriesBody(context.Method))
            {
                RejectQBlock(context, "Q-Block1 on a method without a body");
                return true;
            }

            return ReceiveBlock(context, CoapOptionNumber.QBlock1, options.QBlock1, options.Size1, qblock);
        }

        return ReceiveBlock(context, CoapOptionNumber.Block1, options.Block1, options.Size1, null);
    }

    /// <summary>Adds what the response to a request body's block needs (the Block1 echo) before it is sent.</summary>
    private void OnInboundResponding(CoapContext context)
    {
        var response = context.Response;
        if (context.CompletedTransfer is { } transfer)
        {
            InboundTransfers.KeepFinalResponse(transfer, FinalResponse.Capture(response));
        }

        if (context.BlockEchoOption != 0)
        {
            if (!response.HasOption(context.BlockEchoOption))
            {
                response.AddOption(context.BlockEchoOption, context.BlockEchoValue);
            }

            return;
        }

        if (response.Code == CoapCode.RequestEntityTooLarge && !response.HasOption(CoapOptionNumber.Block1)
            && context.Payload.Length > _options.MaxRequestPayloadSize && _options.MaxRequestPayloadSize >= 16
            && !context.TryGetOption(CoapOptionNumber.Block1, out _) && !context.TryGetOption(CoapOptionNumber.QBlock1, out _))
        {
            // Too large for one message: suggest sending it in blocks of a size we take (RFC 7959 §2.9.3).
            var fitting = 1 << System.Numerics.BitOperations.Log2((uint)Math.Min(_options.MaxRequestPayloadSize, 1024));
            var exponent = Math.Min(BlockWise.PreferredSizeExponent, CoapBlock.ToSizeExponent(fitting));
            response.AddOption(CoapOptionNumber.Block1, new CoapBlock(0, false, exponent).Value);
        }
    }

    /// <summary>A Reset that answers one of our NON 4.08s: the client abandoned the body (QB-22).</summary>
    private bool TryResetInbound(in PeerAddress peer, ushort messageId) => _inbound?.OnReset(peer, messageId) == true;

    ushort IInboundTransferSender.SendMissingBlocks(in PeerAddress peer, ReadOnlySpan<byte> token, ReadOnlySpan<int> missing)
    {
        _metrics.MissingBlocksRequested();
        var response = new CoapResponseWriter { Code = CoapCode.RequestEntityIncomplete };
        response.SetContentFormat(CoapContentFormat.MissingBlocksCborSeq);
        var length = MissingBlocksCodec.Write(response.GetSpan(missing.Length * MissingBlocksCodec.MaxEncodedNumberSize), missing, out _);
        response.Advance(length);
        return SendDetachedResponse(peer, CoapMessageType.NonConfirmable, token, response);
    }

    private bool ReceiveBlock(CoapContext context, int option, uint value, long size1, CoapQBlockOptions? qblock)
    {
        if (!TryDecodeBlock(value, out var block))
        {
            // SZX 7 (BERT) is only defined over reliable transports (RFC 8323 §6).
            ReplyBlockError(context, default, CoapCode.BadRequest, "block size exponent 7 (BERT)");
            return true;
        }

        var identity = InboundTransferKey.RentIdentity(context.Method, context.Options, context.RawOptions.Span, out var identityLength);
        InboundOutcome outcome;
        try
        {
            var request = new InboundBlock
            {
                Peer = context.Peer,
                Identity = identity.AsSpan(0, identityLength),
                Block = block,
                Size1 = size1,
                Payload = context.Payload.Span,
                Token = context.Token,
                Confirmable = context.Type == CoapMessageType.Confirmable,
            };
            outcome = qblock is null ? InboundTransfers.ReceiveBlock1(request) : InboundTransfers.ReceiveQBlock1(request, qblock);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(identity);
        }

        Answer(context, option, block, outcome);
        return true;
    }

    private void Answer(CoapContext context, int option, CoapBlock block, InboundOutcome outcome)
    {
        var response = context.Response;
        switch (outcome.Verdict)
        {
            case InboundVerdict.Continue:
                response.Code = CoapCode.Continue;
                context.EchoBlock(option, outcome.Echo);
                CompleteResponse(context);
                break;
            case InboundVerdict.Complete:
                context.AttachBody(outcome.Body!, outcome.BodyLength);
                if (option == CoapOptionNumber.Block1)
                {
                    // The final response echoes the last block (RFC 7959 §2.3); Q-Block1's does not (RFC 9177 Figure 3).
                    context.EchoBlock(option, outcome.Echo);
                }
                else
                {
                    context.CompletedTransfer = outcome.Transfer;
                }

                CoapLog.InboundTransferCompleted(_logger, new PeerAddressText(context.Peer), outcome.BodyLength);
                _metrics.RequestBodyReassembled(qblock: option == CoapOptionNumber.QBlock1);
                Dispatch(context);
                break;
            case InboundVerdict.Accepted:
                FinishWithoutResponse(context, reset: false);
                break;
            case InboundVerdict.Repeat:
                CoapLog.FinalResponseRepeated(_logger, new PeerAddressText(context.Peer));
                outcome.Final!.Replay(response);
                CompleteResponse(context);
                break;
            case InboundVerdict.Missing:
                var messageId = ((IInboundTransferSender)this).SendMissingBlocks(context.Peer, context.Token, outcome.Missing);
                CoapLog.MissingBlocksRequested(_logger, new PeerAddressText(context.Peer), outcome.Missing!.Length, outcome.Missing[0]);
                InboundTransfers.RememberMissingRequest(outcome.Transfer!, messageId);
                FinishWithoutResponse(context, reset: false);
                break;
            case InboundVerdict.Incomplete:
                ReplyBlockError(context, block, CoapCode.RequestEntityIncomplete, "block out of order or body unknown");
                break;
            case InboundVerdict.TooLarge:
                _metrics.RequestBodyRefused();
                response.AddOption(CoapOptionNumber.Size1, (uint)BlockWise.MaxBodySize);
                ReplyBlockError(context, block, CoapCode.RequestEntityTooLarge, "body larger than MaxBodySize");
                break;
            case InboundVerdict.Busy:
                _metrics.RequestBodyRefused();
                response.AddOption(CoapOptionNumber.MaxAge, (uint)Math.Clamp(Math.Ceiling(BlockWise.ReassemblyTimeout.TotalSeconds), 1, 3600));
                ReplyBlockError(context, block, CoapCode.ServiceUnavailable, "reassembly limits reached");
                break;
            default:
                ReplyBlockError(context, block, CoapCode.BadRequest, "block does not fit its body");
                break;
        }
    }

    private void ReplyBlockError(CoapContext context, CoapBlock block, CoapCode code, string reason)
    {
        CoapLog.InboundBlockRejected(_logger, block, new PeerAddressText(context.Peer), code, reason);
        context.Response.Code = code;
        CompleteResponse(context);
    }

    /// <summary>CON with Q-Block where it is not supported: 4.02; NON: Reset (RFC 9177 §4.1, QB-02).</summary>
    private void RejectQBlock(CoapContext context, string reason)
    {
        CoapLog.RequestRejected(_logger, context.Method, new PeerAddressText(context.Peer), CoapCode.BadOption, reason);
        if (context.Type == CoapMessageType.Confirmable)
        {
            context.Response.Code = CoapCode.BadOption;
            CompleteResponse(context);
        }
        else
        {
            // A multicast request is never answered with a Reset (RFC 7252 §8.1): it is ignored.
            FinishWithoutResponse(context, reset: !context.IsMulticast);
        }
    }

    /// <summary>
    /// Ends a request that gets no response: an empty ACK for CON (a Reset when <paramref name="reset"/>), nothing
    /// for NON (a Reset when <paramref name="reset"/>); the deduplication entry repeats the same.
    /// </summary>
    private void FinishWithoutResponse(CoapContext context, bool reset)
    {
        ITimer? timer;
        bool ackSent;
        lock (context.Gate)
        {
            if (context.Responded)
            {
                return;
            }

            context.Responded = true;
            ackSent = context.AckSent;
            timer = context.SeparateResponseTimer;
            context.SeparateResponseTimer = null;
        }

        timer?.Dispose();
        try
        {
            var ticket = context.DeduplicationTicket;
            if (context.Type == CoapMessageType.Confirmable && !ackSent)
            {
                Span<byte> empty = stackalloc byte[CoapHeader.Size];
                WriteEmpty(empty, reset ? CoapMessageType.Reset : CoapMessageType.Acknowledgement, context.MessageId);
                _transport.Send(empty, context.Peer);
                _deduplication.Complete(ticket, empty);
            }
            else
            {
                if (reset)
                {
                    SendEmpty(CoapMessageType.Reset, context.MessageId, context.Peer);
                }

                _deduplication.Complete(ticket);
            }
        }
        finally
        {
            ReleaseInFlight();
            _contexts.Return(context);
        }
    }

    /// <summary>The Q-Block parameters for this request's resource, or null when it does not use Q-Block (seeds §9.1).</summary>
    private CoapQBlockOptions? QBlockOptionsFor(CoapContext context)
    {
        var attribute = TransferPolicy?.FindQBlock(context);
        CoapQBlockOptions? options;
        if (attribute is null)
        {
            // The support probe speaks for the whole endpoint (RFC 9177 §4.1): answered with Q-Block2 when any resource uses it.
            options = BlockWise.QBlock.Enabled || (QBlockEnabled && IsSupportProbe(context)) ? BlockWise.QBlock : null;
        }
        else
        {
            lock (_qblockOptionsGate)
            {
                if (!_qblockOptions.TryGetValue(attribute, out options))
                {
                    options = BlockWise.QBlock.With(attribute);
                    _qblockOptions[attribute] = options;
                }
            }
        }

        if (options is { AllowNoSec: false })
        {
            lock (_qblockOptionsGate)
            {
                if (_qblockWarned.Add(options))
                {
                    CoapLog.QBlockWithoutSecurity(_logger);
                }
            }
        }

        return options;
    }

    private static bool IsSupportProbe(CoapContext context)
    {
        if (context.Method != CoapCode.Get || !context.TryGetOption(CoapOptionNumber.QBlock2, out _))
        {
            return false;
        }

        var segment = 0;
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number != CoapOptionNumber.UriPath)
            {
                continue;
            }

            var expected = segment++ switch
            {
                0 => ".well-known"u8,
                1 => "core"u8,
                _ => default,
            };
            if (expected.IsEmpty || !cursor.Value.SequenceEqual(expected))
            {
                return false;
            }
        }

        return segment == 2;
    }

    private static bool CarriesBody(CoapCode method) =>
        method == CoapCode.Post || method == CoapCode.Put || method == CoapCode.Fetch || method == CoapCode.Patch || method == CoapCode.IPatch;

    private static bool TryDecodeBlock(uint value, out CoapBlock block)
    {
        var exponent = (int)(value & 7);
        if (exponent == 7 || value >> 4 > CoapBlock.MaxNumber)
        {
            block = default;
            return false;
        }

        block = new CoapBlock((int)(value >> 4), (value & 8) != 0, exponent);
        return true;
    }
}
