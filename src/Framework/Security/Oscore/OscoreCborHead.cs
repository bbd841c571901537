namespace Coap.Security.Oscore;

/// <summary>
/// Writes CBOR heads (RFC 8949 §3) straight into a span for the per-message AAD, which is a
/// fixed shape of a few items: the general <see cref="Cbor.CborWriter"/> keeps a growable
/// buffer, which the per-message path avoids. Key derivation, done once per context, uses
/// <see cref="Cbor.CborWriter"/>.
/// </summary>
internal static class OscoreCborHead
{
    /// <summary>Major type 0: unsigned integer.</summary>
    public const int UnsignedInteger = 0;

    /// <summary>Major type 1: negative integer.</summary>
    public const int NegativeInteger = 1;

    /// <summary>Major type 2: byte string.</summary>
    public const int ByteString = 2;

    /// <summary>Major type 3: text string.</summary>
    public const int TextString = 3;

    /// <summary>Major type 4: array.</summary>
    public const int Array = 4;

    /// <summary>The size of the shortest head for an argument.</summary>
    public static int GetSize(ulong argument) => argument switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    /// <summary>The size of an integer item (major type 0 or 1).</summary>
    public static int GetIntegerSize(long value) => GetSize(value < 0 ? (ulong)(-1 - value) : (ulong)value);

    /// <summary>Writes the shortest head and returns its size.</summary>
    public static int Write(Span<byte> destination, int majorType, ulong argument)
    {
        var size = GetSize(argument);
        var initial = (byte)(majorType << 5);
        switch (size)
        {
            case 1:
                destination[0] = (byte)(initial | (byte)argument);
                break;
            case 2:
                destination[0] = (byte)(initial | 24);
                destination[1] = (byte)argument;
                break;
            case 3:
                destination[0] = (byte)(initial | 25);
                destination[1] = (byte)(argument >> 8);
                destination[2] = (byte)argument;
                break;
            case 5:
                destination[0] = (byte)(initial | 26);
                for (var i = 0; i < 4; i++)
                {
                    destination[4 - i] = (byte)(argument >> (8 * i));
                }

                break;
            default:
                destination[0] = (byte)(initial | 27);
                for (var i = 0; i < 8; i++)
                {
                    destination[8 - i] = (byte)(argument >> (8 * i));
                }

                break;
        }

        return size;
    }

    /// <summary>Writes an integer item and returns its size.</summary>
    public static int WriteInteger(Span<byte> destination, long value) =>
        value < 0 ? Write(destination, NegativeInteger, (ulong)(-1 - value)) : Write(destination, UnsignedInteger, (ulong)value);

    /// <summary>Writes a byte string item and returns its size.</summary>
    public static int WriteByteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        var head = Write(destination, ByteString, (ulong)value.Length);
        value.CopyTo(destination[head..]);
        return head + value.Length;
    }
}
