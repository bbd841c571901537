using System.Text;

namespace Coap.Observe;

/// <summary>
/// What makes two registrations of one resource want the same representation: every request
/// option except Observe, Uri-Host, Uri-Port and conditional query parameters (which belong to the
/// registration, not the representation), plus the payload (FETCH).
/// </summary>
internal static class RepresentationSignature
{
    public static byte[] Compute(CoapContext context)
    {
        var buffer = new List<byte>(64);
        var cursor = context.Options;
        Span<char> chars = stackalloc char[64];
        while (cursor.MoveNext())
        {
            var number = cursor.Number;
            if (number is CoapOptionNumber.Observe or CoapOptionNumber.UriHost or CoapOptionNumber.UriPort)
            {
                continue;
            }

            var value = cursor.Value;
            if (number == CoapOptionNumber.UriQuery && IsConditional(value, chars))
            {
                continue;
            }

            buffer.Add((byte)(number >> 8));
            buffer.Add((byte)number);
            buffer.Add((byte)(value.Length >> 8));
            buffer.Add((byte)value.Length);
            foreach (var b in value)
            {
                buffer.Add(b);
            }
        }

        buffer.Add(0xFF);
        foreach (var b in context.Payload.Span)
        {
            buffer.Add(b);
        }

        return [.. buffer];
    }

    private static bool IsConditional(ReadOnlySpan<byte> value, Span<char> chars)
    {
        if (value.Length > chars.Length)
        {
            return false;
        }

        var length = Encoding.UTF8.GetChars(value, chars);
        return ConditionalAttributes.IsConditionalParameter(chars[..length]);
    }
}
