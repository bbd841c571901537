using System.Buffers;
using Coap.Transport;

namespace Coap.BlockWise.Inbound;

/// <summary>
/// One request body being reassembled from blocks: Block1 (RFC 7959, in order, appended) or
/// Q-Block1 (RFC 9177, any order, into a buffer sized from Size1 with a bitmap of received blocks).
/// Guarded by the lock of its <see cref="InboundTransfers"/>.
/// </summary>
internal sealed class InboundTransfer(InboundTransferKey key, byte[] identity, bool isQBlock)
{
    public InboundTransferKey Key { get; } = key;

    /// <summary>The method and options that identify the request (RFC 7959 §2.3, RFC 9175 §3.3).</summary>
    public byte[] Identity { get; } = identity;

    public PeerAddress Peer => Key.Peer;

    public bool IsQBlock { get; } = isQBlock;

    /// <summary>The body so far, rented from <see cref="ArrayPool{T}.Shared"/>; null once handed to a handler or freed.</summary>
    public byte[]? Buffer { get; set; }

    /// <summary>Bytes counted against the reassembly budgets (the rented buffer's length).</summary>
    public long Reserved { get; set; }

    /// <summary>Block1: bytes received in order. Q-Block1: the body length announced by Size1.</summary>
    public int Length { get; set; }

    /// <summary>When the transfer is dropped unless a block arrives (a timestamp of the endpoint's clock).</summary>
    public long ExpiresAt { get; set; }

    public ITimer? Timer { get; set; }

    /// <summary>The body went to the handler; the entry only absorbs late duplicates until it expires.</summary>
    public bool Completed { get; set; }

    /// <summary>Q-Block1: the handler's response to the whole body, repeated to late duplicates (QB-21); null until sent.</summary>
    public FinalResponse? Final { get; set; }

    // Block1 (RFC 7959): the last block accepted, to answer a repeated one the same way.
    public int LastNumber { get; set; } = -1;

    public int LastSizeExponent { get; set; }

    public int LastLength { get; set; }

    // Q-Block1 (RFC 9177).
    public CoapQBlockOptions? QOptions { get; set; }

    public bool Confirmable { get; set; }

    public int SizeExponent { get; set; }

    public int TotalBlocks { get; set; }

    public ulong[]? ReceivedBlocks { get; set; }

    public int ReceivedCount { get; set; }

    /// <summary>The highest MAX_PAYLOADS_SET a block arrived for (-1 before the first).</summary>
    public int HighestSet { get; set; } = -1;

    /// <summary>The token of the last block received: 4.08s sent from the timer use it (RFC 9177 §4.3).</summary>
    public byte[] LastToken { get; set; } = [];

    /// <summary>4.08s sent since the last new block (NON_MAX_RETRANSMIT bounds them).</summary>
    public int Retries { get; set; }

    /// <summary>When the next 4.08 is due (NON only; long.MaxValue when none).</summary>
    public long NextRequestAt { get; set; } = long.MaxValue;

    /// <summary>The message ID of the last NON 4.08 sent, so that a Reset answering it drops the body (QB-22).</summary>
    public ushort? MissingMessageId { get; set; }

    public bool HasBlock(int number) => (ReceivedBlocks![number >> 6] & (1UL << (number & 63))) != 0;

    public void MarkBlock(int number)
    {
        ReceivedBlocks![number >> 6] |= 1UL << (number & 63);
        ReceivedCount++;
    }

    /// <summary>Whether every block of a MAX_PAYLOADS_SET arrived.</summary>
    public bool IsSetComplete(int set, int maxPayloads)
    {
        var end = Math.Min(TotalBlocks, (set + 1) * maxPayloads);
        for (var number = set * maxPayloads; number < end; number++)
        {
            if (!HasBlock(number))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ascending numbers of blocks below <paramref name="end"/> not received, at most <paramref name="max"/>.</summary>
    public int[] CollectMissing(int end, int max)
    {
        var list = new List<int>(Math.Min(max, 16));
        for (var number = 0; number < end && list.Count < max; number++)
        {
            if (!HasBlock(number))
            {
                list.Add(number);
            }
        }

        return [.. list];
    }

    /// <summary>Gives the buffer back to the pool.</summary>
    public void ReleaseBuffer()
    {
        if (Buffer is { } buffer)
        {
            Buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
