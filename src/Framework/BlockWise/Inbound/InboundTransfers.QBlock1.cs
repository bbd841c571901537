namespace Coap.BlockWise.Inbound;

internal sealed partial class InboundTransfers
{
    /// <summary>
    /// One Q-Block1 block (RFC 9177 §4.3, §7.2): stored at its offset in any order, duplicates ignored but
    /// answered as if new (QB-21). NON: 2.31 once a MAX_PAYLOADS_SET is complete (QB-15), 4.08 at once when
    /// a later set starts over holes (QB-55), 4.08s from the timer after NON_RECEIVE_TIMEOUT (QB-16, QB-54).
    /// CON: only empty ACKs until the body is whole (QB-15, QB-20).
    /// </summary>
    public InboundOutcome ReceiveQBlock1(in InboundBlock request, CoapQBlockOptions options)
    {
        var block = request.Block;
        var payload = request.Payload;
        var key = InboundTransferKey.Create(request.Peer, request.Identity);
        lock (_gate)
        {
            var transfer = Find(key, request.Identity, out var conflict);
            if (conflict)
            {
                return InboundOutcome.Of(InboundVerdict.Busy);
            }

            if (transfer is { IsQBlock: false })
            {
                Remove(transfer);
                transfer = null;
            }

            if (transfer is { Completed: true })
            {
                // A late copy of a block of a body already handed to the handler: the action ran once. Its response
                // was perhaps lost, so it goes again; silence while the handler still runs.
                transfer.ExpiresAt = Now + Ticks(RememberFinished(options));
                Schedule(transfer);
                return transfer.Final is { } final
                    ? new InboundOutcome(InboundVerdict.Repeat, Final: final)
                    : InboundOutcome.Of(InboundVerdict.Accepted);
            }

            if (request.Size1 > _options.MaxBodySize)
            {
                if (transfer is not null)
                {
                    Remove(transfer);
                }

                return InboundOutcome.Of(InboundVerdict.TooLarge);
            }

            var size1 = (int)request.Size1;
            if (transfer is null)
            {
                transfer = TryStart(key, request.Identity, isQBlock: true);
                if (transfer is null)
                {
                    return InboundOutcome.Of(InboundVerdict.Busy);
                }

                transfer.QOptions = options;
                transfer.Length = size1;
                transfer.SizeExponent = block.SizeExponent;
                transfer.TotalBlocks = CoapBlock.CountBlocks(size1, block.Size);
                transfer.ReceivedBlocks = new ulong[(transfer.TotalBlocks + 63) / 64];
                if (!TryGrow(transfer, size1, size1))
                {
                    Remove(transfer);
                    return InboundOutcome.Of(InboundVerdict.Busy);
                }
            }

            if (!Fits(transfer, block, payload.Length, size1))
            {
                return InboundOutcome.Of(InboundVerdict.BadRequest);
            }

            var now = Now;
            transfer.Confirmable = request.Confirmable;
            transfer.ExpiresAt = now + Ticks(options.NonPartialTimeout);
            if (transfer.LastToken.Length != request.Token.Length)
            {
                transfer.LastToken = new byte[request.Token.Length];
            }

            request.Token.CopyTo(transfer.LastToken);
            if (!transfer.HasBlock(block.Number))
            {
                payload.CopyTo(transfer.Buffer.AsSpan((int)block.Offset));
                transfer.MarkBlock(block.Number);
                transfer.Retries = 0;
            }

            if (transfer.ReceivedCount == transfer.TotalBlocks)
            {
                // Whole: the handler gets it on this block's token (QB-14). The entry stays, without its
                // buffer, as long as the client may still resend blocks, so that they do not start a new body.
                var body = TakeBody(transfer);
                transfer.ExpiresAt = now + Ticks(RememberFinished(options));
                transfer.ReceivedBlocks = null;
                KeepFinished(transfer);
                transfer.NextRequestAt = long.MaxValue;
                Schedule(transfer);
                return new InboundOutcome(InboundVerdict.Complete, block, body, size1, Transfer: transfer);
            }

            var maxPayloads = options.MaxPayloads;
            var set = block.Number / maxPayloads;
            var previousSet = transfer.HighestSet;
            transfer.HighestSet = Math.Max(previousSet, set);
            if (request.Confirmable)
            {
                // CON: the client recovers by retransmitting; no 2.31 and no 4.08 with a list (QB-15, QB-20).
                transfer.NextRequestAt = long.MaxValue;
                Schedule(transfer);
                return new InboundOutcome(InboundVerdict.Accepted, Transfer: transfer);
            }

            transfer.NextRequestAt = now + Ticks(options.NonReceiveTimeout);
            Schedule(transfer);
            if (previousSet >= 0 && set > previousSet)
            {
                var missing = transfer.CollectMissing(set * maxPayloads, maxPayloads);
                if (missing.Length > 0)
                {
                    return new InboundOutcome(InboundVerdict.Missing, Missing: missing, Transfer: transfer);
                }
            }

            if (set == transfer.HighestSet && transfer.IsSetComplete(set, maxPayloads))
            {
                var last = Math.Min(transfer.TotalBlocks, (set + 1) * maxPayloads) - 1;
                return new InboundOutcome(InboundVerdict.Continue, new CoapBlock(last, true, block.SizeExponent), Transfer: transfer);
            }

            return new InboundOutcome(InboundVerdict.Accepted, Transfer: transfer);
        }
    }

    /// <summary>
    /// How long a finished body is remembered: NON_PARTIAL_TIMEOUT, or longer when a client with the same
    /// parameters keeps resending the last block for longer (2 × NON_RECEIVE_TIMEOUT, doubling, NON_MAX_RETRANSMIT times).
    /// </summary>
    private static TimeSpan RememberFinished(CoapQBlockOptions options) =>
        TimeSpan.FromTicks(Math.Max(options.NonPartialTimeout.Ticks, options.NonReceiveTimeout.Ticks * 2 * ((2L << options.NonMaxRetransmit) - 1)));

    /// <summary>Remembers a finished body, forgetting the oldest beyond <see cref="CoapBlockWiseOptions.MaxFinishedBodies"/>.</summary>
    private void KeepFinished(InboundTransfer transfer)
    {
        _finished.Enqueue(transfer);
        while (_finished.Count > _options.MaxFinishedBodies)
        {
            // Entries the timer already removed are skipped by Remove (it checks the map holds this very transfer).
            Remove(_finished.Dequeue());
        }
    }

    /// <summary>Keeps the response to a whole Q-Block1 body for late duplicates of its blocks (QB-21).</summary>
    public void KeepFinalResponse(InboundTransfer transfer, FinalResponse response)
    {
        lock (_gate)
        {
            transfer.Final = response;
        }
    }

    /// <summary>Whether a block agrees with its body: same size and Size1, NUM in range, M and length as its position requires.</summary>
    private static bool Fits(InboundTransfer transfer, CoapBlock block, int length, int size1)
    {
        if (block.SizeExponent != transfer.SizeExponent || size1 != transfer.Length || block.Number >= transfer.TotalBlocks)
        {
            return false;
        }

        var last = block.Number == transfer.TotalBlocks - 1;
        return block.More != last && length == (last ? size1 - (int)block.Offset : block.Size);
    }
}
