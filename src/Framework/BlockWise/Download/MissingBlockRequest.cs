namespace Coap.BlockWise.Download;

/// <summary>
/// Chooses the Q-Block2 options of a request for missing blocks (RFC 9177 §4.4, QB-34, QB-35): ascending, unique NUMs
/// with M=0, except that a run of two or more missing blocks reaching the end of its MAX_PAYLOADS_SET (or of the body)
/// is asked with one option, its first NUM with M=1 ("that block and the rest of its set"), and the request stops there:
/// the set completes, then the client's 'Continue' asks for the next (Figures 10 and 11). At most MAX_PAYLOADS options.
/// </summary>
internal static class MissingBlockRequest
{
    /// <param name="missing">The missing block numbers, ascending.</param>
    /// <param name="maxPayloads">MAX_PAYLOADS.</param>
    /// <param name="blockCount">The number of blocks in the body, when known.</param>
    /// <param name="sizeExponent">The body's SZX.</param>
    public static List<CoapBlock> Plan(IReadOnlyList<int> missing, int maxPayloads, int? blockCount, int sizeExponent)
    {
        var options = new List<CoapBlock>();
        var i = 0;
        while (i < missing.Count && options.Count < maxPayloads)
        {
            var first = missing[i];
            var setEnd = ((first / maxPayloads) + 1) * maxPayloads;
            if (blockCount is { } count)
            {
                setEnd = Math.Min(setEnd, count);
            }

            var run = 1;
            while (i + run < missing.Count && missing[i + run] == first + run)
            {
                run++;
            }

            if (run >= 2 && first + run >= setEnd)
            {
                options.Add(new CoapBlock(first, more: true, sizeExponent));
                break;
            }

            options.Add(new CoapBlock(first, more: false, sizeExponent));
            i++;
        }

        return options;
    }
}
