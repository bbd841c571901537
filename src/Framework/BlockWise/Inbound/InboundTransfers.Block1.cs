namespace Coap.BlockWise.Inbound;

internal sealed partial class InboundTransfers
{
    /// <summary>
    /// One Block1 block (RFC 7959 §2.3, §2.5, §2.9): appended in order; a repeated block is answered
    /// again without appending; a gap or an unknown continuation is 4.08; a body over MaxBodySize is
    /// 4.13; the last block (M=0) completes the body.
    /// </summary>
    public InboundOutcome ReceiveBlock1(in InboundBlock request)
    {
        var block = request.Block;
        var payload = request.Payload;
        var key = InboundTransferKey.Create(request.Peer, request.Identity);
        var end = block.Offset + payload.Length;

        // Every block but the last fills its size exactly (RFC 7959 §2.2).
        if (block.More ? payload.Length != block.Size : payload.Length > block.Size)
        {
            return InboundOutcome.Of(InboundVerdict.BadRequest);
        }

        lock (_gate)
        {
            var transfer = Find(key, request.Identity, out var conflict);
            if (conflict)
            {
                return InboundOutcome.Of(InboundVerdict.Busy);
            }

            if (transfer is { IsQBlock: true })
            {
                // The client switched to Block1 for this request: the Q-Block1 body is abandoned.
                Remove(transfer);
                transfer = null;
            }

            if (request.Size1 > _options.MaxBodySize || end > _options.MaxBodySize)
            {
                if (transfer is not null)
                {
                    Remove(transfer);
                }

                return InboundOutcome.Of(InboundVerdict.TooLarge);
            }

            if (transfer is not null && IsRepeat(transfer, block, payload.Length))
            {
                // A retransmission with a new message ID: the same answer, nothing appended.
                return new InboundOutcome(InboundVerdict.Continue, Echo(block));
            }

            if (block.Number == 0)
            {
                if (transfer is not null)
                {
                    // A new body for the same request replaces the partial one (RFC 7959 §2.5).
                    Remove(transfer);
                }

                if (!block.More)
                {
                    // The whole body in one block: nothing to keep.
                    var single = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
                    payload.CopyTo(single);
                    return new InboundOutcome(InboundVerdict.Complete, block, single, payload.Length);
                }

                transfer = TryStart(key, request.Identity, isQBlock: false);
                if (transfer is null)
                {
                    return InboundOutcome.Of(InboundVerdict.Busy);
                }
            }
            else if (transfer is null || block.Offset != transfer.Length)
            {
                // Out of order, or the start was never seen (RFC 7959 §2.9.2): the client has to start over.
                if (transfer is not null)
                {
                    Remove(transfer);
                }

                return InboundOutcome.Of(InboundVerdict.Incomplete);
            }

            var preferred = request.Size1 > 0 ? (int)request.Size1 : Math.Max(4 * block.Size, transfer.Length * 2);
            if (!TryGrow(transfer, (int)end, preferred))
            {
                if (transfer.Length == 0)
                {
                    Remove(transfer);
                }

                return InboundOutcome.Of(InboundVerdict.Busy);
            }

            payload.CopyTo(transfer.Buffer.AsSpan((int)block.Offset));
            transfer.Length = (int)end;
            transfer.LastNumber = block.Number;
            transfer.LastSizeExponent = block.SizeExponent;
            transfer.LastLength = payload.Length;
            if (!block.More)
            {
                var body = TakeBody(transfer);
                Remove(transfer);
                return new InboundOutcome(InboundVerdict.Complete, block, body, (int)end);
            }

            transfer.ExpiresAt = Now + Ticks(_options.ReassemblyTimeout);
            Schedule(transfer);
            return new InboundOutcome(InboundVerdict.Continue, Echo(block));
        }
    }

    private static bool IsRepeat(InboundTransfer transfer, CoapBlock block, int length) =>
        transfer.LastNumber == block.Number && transfer.LastSizeExponent == block.SizeExponent && transfer.LastLength == length
        && block.Offset + length == transfer.Length && block.More;

    /// <summary>
    /// The Block1 of a 2.31: the block received, with the server's preferred size when smaller (RFC 7959 §2.3);
    /// NUM then counts in that size, so the client continues at the right offset.
    /// </summary>
    private CoapBlock Echo(CoapBlock block)
    {
        var exponent = Math.Min(block.SizeExponent, _options.PreferredSizeExponent);
        return new CoapBlock((int)Math.Min(CoapBlock.MaxNumber, block.Offset >> (exponent + 4)), true, exponent);
    }
}
