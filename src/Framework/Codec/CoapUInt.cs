namespace Coap.Codec;

/// <summary>The uint option format of RFC 7252 §3.2: big-endian, no leading zero bytes.</summary>
public static class CoapUInt
{
    /// <summary>The number of bytes the shortest encoding needs (0 for zero).</summary>
    public static int GetLength(uint value) => value switch
    {
        0 => 0,
        <= 0xFF => 1,
        <= 0xFFFF => 2,
        <= 0xFF_FFFF => 3,
        _ => 4,
    };

    /// <summary>Writes the shortest encoding and returns its length.</summary>
    public static int Write(Span<byte> destination, uint value)
    {
        var length = GetLength(value);
        for (var i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }

        return length;
    }

    /// <summary>Reads a value, tolerating leading zeros; longer than 4 bytes saturates at uint.MaxValue.</summary>
    public static uint Read(ReadOnlySpan<byte> value)
    {
        uint result = 0;
        foreach (var b in value)
        {
            if (result > 0x00FF_FFFF)
            {
                return uint.MaxValue;
            }

            result = (result << 8) | b;
        }

        return result;
    }
}
