using System.Runtime.CompilerServices;

namespace Coap.Codec;

/// <summary>
/// Validates and slices a datagram into a <see cref="CoapMessageView"/> (RFC 7252 §3):
/// header, token, options with extended deltas and lengths, payload marker rules. Allocates
/// nothing; every malformation is a <see cref="CoapFormatError"/>, never an exception.
/// </summary>
public static class CoapMessageReader
{
    /// <summary>The byte that separates options from the payload.</summary>
    public const byte PayloadMarker = 0xFF;

    /// <summary>Reads a whole datagram.</summary>
    public static CoapFormatError TryRead(ReadOnlySpan<byte> datagram, out CoapMessageView message)
    {
        message = default;
        if (!CoapHeader.TryPeek(datagram, out var header, out var version))
        {
            return CoapFormatError.TooShort;
        }

        if (version != CoapHeader.Version)
        {
            return CoapFormatError.UnknownVersion;
        }

        if (header.TokenLength > CoapHeader.MaxTokenLength)
        {
            return CoapFormatError.InvalidTokenLength;
        }

        var afterHeader = datagram[CoapHeader.Size..];
        if (afterHeader.Length < header.TokenLength)
        {
            return CoapFormatError.TruncatedToken;
        }

        var token = afterHeader[..header.TokenLength];
        var rest = afterHeader[header.TokenLength..];
        if (header.Code.IsEmpty && datagram.Length != CoapHeader.Size)
        {
            return CoapFormatError.NonEmptyEmptyMessage;
        }

        var position = 0;
        var number = 0;
        while (position < rest.Length && rest[position] != PayloadMarker)
        {
            var status = TryReadOption(rest[position..], number, out number, out _, out var consumed);
            if (status != CoapFormatError.None)
            {
                return status;
            }

            position += consumed;
        }

        var options = rest[..position];
        ReadOnlySpan<byte> payload = default;
        if (position < rest.Length)
        {
            payload = rest[(position + 1)..];
            if (payload.IsEmpty)
            {
                return CoapFormatError.EmptyPayloadAfterMarker;
            }
        }

        message = new CoapMessageView(header, token, options, payload);
        return CoapFormatError.None;
    }

    /// <summary>Reads one option that starts at <paramref name="source"/>[0].</summary>
    internal static CoapFormatError TryReadOption(ReadOnlySpan<byte> source, int previousNumber, out int number, out ReadOnlySpan<byte> value, out int consumed)
    {
        number = previousNumber;
        value = default;
        consumed = 0;
        var first = source[0];
        var position = 1;
        if (!TryReadExtended(source, first >> 4, ref position, out var delta) ||
            !TryReadExtended(source, first & 0xF, ref position, out var length))
        {
            return (first >> 4) == 15 || (first & 0xF) == 15 ? CoapFormatError.ReservedOptionNibble : CoapFormatError.TruncatedOption;
        }

        number = previousNumber + delta;
        if (number > ushort.MaxValue)
        {
            return CoapFormatError.OptionNumberOverflow;
        }

        if ((uint)length > (uint)(source.Length - position))
        {
            return CoapFormatError.TruncatedOption;
        }

        value = source.Slice(position, length);
        consumed = position + length;
        return CoapFormatError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadExtended(ReadOnlySpan<byte> source, int nibble, ref int position, out int result)
    {
        switch (nibble)
        {
            case < 13:
                result = nibble;
                return true;
            case 13:
                if ((uint)position >= (uint)source.Length)
                {
                    break;
                }

                result = source[position++] + 13;
                return true;
            case 14:
                if ((uint)(position + 1) >= (uint)source.Length)
                {
                    break;
                }

                result = ((source[position] << 8) | source[position + 1]) + 269;
                position += 2;
                return true;
        }

        result = 0;
        return false;
    }
}
