using Coap.Codec;
using Coap.Exchanges;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    private void ScheduleSeparateResponse(CoapContext context)
    {
        var state = new SeparateResponseState(this, context, context.Generation);
        var timer = _time.CreateTimer(static s => ((SeparateResponseState)s!).Fire(), state, _options.SeparateResponseDelay, Timeout.InfiniteTimeSpan);
        lock (context.Gate)
        {
            if (context.Responded || context.Generation != state.Generation)
            {
                timer.Dispose();
                return;
            }

            context.SeparateResponseTimer = timer;
        }
    }

    /// <summary>The handler is slow: acknowledge now, respond later (RFC 7252 §5.2.2).</summary>
    private void SendEmptyAcknowledgement(CoapContext context, int generation)
    {
        lock (context.Gate)
        {
            if (context.Generation != generation || context.Responded || context.AckSent)
            {
                return;
            }

            context.AckSent = true;
        }

        _deduplication.MarkAckSent(context.DeduplicationTicket);
        SendEmpty(CoapMessageType.Acknowledgement, context.MessageId, context.Peer);
    }

    /// <summary>Sends the handler's response piggybacked, separately, or not at all (No-Response), and recycles the context.</summary>
    private void CompleteResponse(CoapContext context)
    {
        bool ackSent;
        ITimer? timer;
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
            PrepareOutboundBlocks(context);
            if (context.ObserveIntent != Observe.ObserveIntent.None)
            {
                Observations?.OnResponse(this, context);
            }

            SendResponse(context, ackSent);
        }
        finally
        {
            ReleaseInFlight();
            _contexts.Return(context);
        }
    }

    private void SendResponse(CoapContext context, bool ackSent)
    {
        OnInboundResponding(context);
        var confirmable = context.Type == CoapMessageType.Confirmable;
        var ticket = context.DeduplicationTicket;
        if (context.IsMulticast && SuppressesMulticastResponse(context))
        {
            // Group requests are NON (CON ones never get this far): nothing to acknowledge.
            _deduplication.Complete(ticket);
            return;
        }

        if (NoResponse.Suppresses(context, context.Response.Code))
        {
            if (confirmable && !ackSent)
            {
                Span<byte> ack = stackalloc byte[CoapHeader.Size];
                WriteEmpty(ack, CoapMessageType.Acknowledgement, context.MessageId);
                _transport.Send(ack, context.Peer);
                _deduplication.Complete(ticket, ack);
            }
            else if (!confirmable)
            {
                _deduplication.Complete(ticket);
            }

            return;
        }

        var (type, messageId) = (confirmable, ackSent) switch
        {
            (true, false) => (CoapMessageType.Acknowledgement, context.MessageId),
            (true, true) => (CoapMessageType.Confirmable, NextMessageId(context.Peer)),
            _ => (CoapMessageType.NonConfirmable, NextMessageId(context.Peer)),
        };

        if (TrySendBlockWise(context, type, messageId))
        {
            return;
        }

        var buffer = SendBuffer;
        int length;
        try
        {
            length = Encode(buffer, context, type, messageId);
        }
        catch (CoapEncodingException)
        {
            context.Response.Reset();
            context.Response.Code = CoapCode.InternalServerError;
            length = Encode(buffer, context, type, messageId);
        }

        var encoded = buffer.AsSpan(0, length);
        if (context.IsMulticast)
        {
            SendMulticastResponse(context, encoded);
            _deduplication.Complete(ticket);
            return;
        }

        _metrics.Response(context.Response.Code);
        if (type == CoapMessageType.Confirmable)
        {
            var transmission = new SeparateResponseTransmission(context.Peer, messageId, encoded.ToArray());
            Transmit(transmission);
            return;
        }

        _transport.Send(encoded, context.Peer);
        if (type == CoapMessageType.Acknowledgement && context.AnsweredFromBodyCache)
        {
            _deduplication.Forget(ticket);
        }
        else if (type == CoapMessageType.Acknowledgement)
        {
            _deduplication.Complete(ticket, encoded);
        }
        else
        {
            _deduplication.Complete(ticket);
        }
    }

    private int Encode(byte[] buffer, CoapContext context, CoapMessageType type, ushort messageId) =>
        context.OscoreBinding.Context is null ? EncodePlain(buffer, context, type, messageId) : EncodeProtected(buffer, context, type, messageId);

    private static int EncodePlain(Span<byte> buffer, CoapContext context, CoapMessageType type, ushort messageId)
    {
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(type, context.Response.Code, messageId, context.Token);
        context.Response.WriteBody(ref writer);
        return writer.BytesWritten;
    }

    /// <summary>A message ID for a message this endpoint originates towards a peer.</summary>
    private ushort NextMessageId(in Transport.PeerAddress peer)
    {
        lock (_peers.Gate)
        {
            if (_peers.GetOrAdd(peer, Now) is { } state)
            {
                return state.NextMessageId();
            }
        }

        return (ushort)Interlocked.Increment(ref _fallbackMessageId);
    }

    private int _fallbackMessageId = Random.Shared.Next();

    private sealed record SeparateResponseState(CoapEndpoint Endpoint, CoapContext Context, int Generation)
    {
        public void Fire() => Endpoint.SendEmptyAcknowledgement(Context, Generation);
    }
}
