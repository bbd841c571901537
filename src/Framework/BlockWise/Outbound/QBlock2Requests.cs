namespace Coap.BlockWise.Outbound;

/// <summary>
/// What a request's Q-Block2 options ask of a response body (RFC 9177 §4.4): reading and validating them, and the
/// block numbers they stand for at a chosen block size. Pure functions of the request and the body.
/// </summary>
internal static class QBlock2Requests
{
    /// <summary>All Q-Block2 options of the request; null when one is malformed or the NUMs are not strictly increasing (QB-34).</summary>
    public static List<CoapBlock>? ReadOptions(CoapContext context)
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

    /// <summary>No Q-Block2 option (the request had Q-Block1), or NUM 0 with M set: the whole body, paced.</summary>
    public static bool IsWholeBody(List<CoapBlock> requested) =>
        requested.Count == 0 || (requested.Count == 1 && requested[0].Number == 0 && requested[0].More);

    /// <summary>A 'Continue' (QB-44): one Q-Block2 option with M set, at the start of a MAX_PAYLOADS_SET.</summary>
    public static bool IsContinue(List<CoapBlock> requested, int maxPayloads) =>
        requested.Count == 1 && requested[0].More && requested[0].Number % maxPayloads == 0;

    /// <summary>The whole body's blocks (<see cref="IsWholeBody"/>), else the ones a missing-block request asks for.</summary>
    public static int[] BlocksToSend(List<CoapBlock> requested, OutboundBody body, int sizeExponent, int maxPayloads) =>
        IsWholeBody(requested)
            ? Enumerable.Range(0, body.CountBlocks(16 << sizeExponent)).ToArray()
            : ExpandRequested(requested, body, sizeExponent, maxPayloads);

    /// <summary>The block number, at <paramref name="sizeExponent"/>, where a requested block starts.</summary>
    public static int ToBlockNumber(CoapBlock requested, int sizeExponent) => (int)(requested.Offset / (16 << sizeExponent));

    /// <summary>
    /// The blocks a missing-block request asks for (QB-30): M=0 that block; M=1 that block and the rest of its
    /// MAX_PAYLOADS_SET (NUM 0: the whole body). Each block once, ascending (QB-31); blocks past the end are left out.
    /// </summary>
    public static int[] ExpandRequested(List<CoapBlock> requested, OutboundBody body, int sizeExponent, int maxPayloads)
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
}
