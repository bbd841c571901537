namespace Coap.BlockWise.Outbound;

/// <summary>
/// What identifies the representation a request asks for, for the response body cache: the method, every
/// option but the ones that select a block or an observation (Block2, Q-Block2, Size2, Observe, and the
/// request-body ones Block1, Q-Block1, Size1, Request-Tag), and the payload. Written into a per-thread
/// buffer so a lookup allocates nothing.
/// </summary>
internal static class ResponseRequestKey
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Writes the key of <paramref name="context"/>'s request; the span is valid until the next call on this thread.</summary>
    public static ReadOnlySpan<byte> Write(CoapContext context, out int hash)
    {
        // Each option is re-encoded with a 4-byte header; on the wire it took at least one byte.
        var needed = 1 + (context.RawOptions.Length * 4) + 1 + context.Payload.Length;
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
            if (IsExcluded(cursor.Number))
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
        context.Payload.Span.CopyTo(buffer.AsSpan(length));
        length += context.Payload.Length;
        var key = buffer.AsSpan(0, length);
        var hasher = new HashCode();
        hasher.AddBytes(key);
        hash = hasher.ToHashCode();
        return key;
    }

    private static bool IsExcluded(int number) => number is CoapOptionNumber.Observe or CoapOptionNumber.Block2 or CoapOptionNumber.QBlock2
        or CoapOptionNumber.Size2 or CoapOptionNumber.Block1 or CoapOptionNumber.QBlock1 or CoapOptionNumber.Size1 or CoapOptionNumber.RequestTag;
}
