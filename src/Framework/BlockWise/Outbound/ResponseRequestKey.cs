namespace Coap.BlockWise.Outbound;

/// <summary>
/// What identifies the representation a request asks for, for the response body caches: the method, every
/// option but the ones that select a block or an observation (Block2, Q-Block2, Size2, Observe, and the
/// request-body ones Block1, Q-Block1, Size1), and the payload. Written into a per-thread buffer so a lookup
/// allocates nothing.
/// </summary>
/// <remarks>
/// A body that came in blocks is left out of the key: the requests for later blocks of its response carry no body
/// (RFC 7959 §3.2; RFC 9177 Figure 16), so its key is the same as theirs. The Q-Block2 cache keeps the
/// Request-Tag in the key instead (Figure 16 names the body by it, and two bodies to one resource stay apart);
/// the Block2 cache leaves it out, because Block2 requests for later blocks carry none.
/// </remarks>
internal static class ResponseRequestKey
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Writes the key of <paramref name="context"/>'s request; the span is valid until the next call on this thread.</summary>
    /// <param name="context">The request.</param>
    /// <param name="hash">The key's hash.</param>
    /// <param name="keepRequestTag">Whether the Request-Tag is part of the key (the Q-Block2 cache).</param>
    public static ReadOnlySpan<byte> Write(CoapContext context, out int hash, bool keepRequestTag = false)
    {
        var payload = BodyCameInBlocks(context) ? ReadOnlySpan<byte>.Empty : context.Payload.Span;

        // Each option is re-encoded with a 4-byte header; on the wire it took at least one byte.
        var needed = 1 + (context.RawOptions.Length * 4) + 1 + payload.Length;
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < needed)
        {
            buffer = t_buffer = new byte[Math.Max(needed, 512)];
        }

        var length = 0;
        buffer[length++] = context.Method.Value;
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (IsExcluded(cursor.Number) || (cursor.Number == CoapOptionNumber.RequestTag && !keepRequestTag))
            {
                continue;
            }

            var value = cursor.Value;
            buffer[length++] = (byte)(cursor.Number >> 8);
            buffer[length++] = (byte)cursor.Number;
            buffer[length++] = (byte)(value.Length >> 8);
            buffer[length++] = (byte)value.Length;
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
        }

        buffer[length++] = 0xFF;
        payload.CopyTo(buffer.AsSpan(length));
        length += payload.Length;
        var key = buffer.AsSpan(0, length);
        var hasher = new HashCode();
        hasher.AddBytes(key);
        hash = hasher.ToHashCode();
        return key;
    }

    /// <summary>
    /// A request that names a body sent earlier in blocks rather than carrying it: a method that takes a body, no
    /// payload, a Request-Tag, and no block of a request body (RFC 9177 Figure 16). If that body's response is no
    /// longer kept, running the handler would act on an empty body.
    /// </summary>
    public static bool NamesEarlierBody(CoapContext context) =>
        context.Payload.IsEmpty && context.Method != CoapCode.Get && context.Method != CoapCode.Delete &&
        context.TryGetOption(CoapOptionNumber.RequestTag, out _) && !BodyCameInBlocks(context);

    private static bool BodyCameInBlocks(CoapContext context) =>
        context.TryGetOption(CoapOptionNumber.Block1, out _) || context.TryGetOption(CoapOptionNumber.QBlock1, out _);

    private static bool IsExcluded(int number) => number is CoapOptionNumber.Observe or CoapOptionNumber.Block2 or CoapOptionNumber.QBlock2
        or CoapOptionNumber.Size2 or CoapOptionNumber.Block1 or CoapOptionNumber.QBlock1 or CoapOptionNumber.Size1;
}
