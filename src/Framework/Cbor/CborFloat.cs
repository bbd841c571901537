namespace Coap.Cbor;

/// <summary>Float-width decisions for preferred serialization (RFC 8949 §4.2.2 and §3.3).</summary>
internal static class CborFloat
{
    /// <summary>The half-precision quiet NaN, the one NaN encoding of deterministic mode.</summary>
    public const ushort CanonicalNaNBits = 0x7e00;

    /// <summary>
    /// The shortest of half (2), single (4) or double (8) precision that represents
    /// <paramref name="value"/> exactly, and its bits. A NaN keeps its sign and payload, and is
    /// shortened only when the dropped payload bits are zero; with
    /// <paramref name="canonicalNaN"/> every NaN becomes <see cref="CanonicalNaNBits"/>.
    /// </summary>
    public static int GetPreferredEncoding(double value, bool canonicalNaN, out ulong bits)
    {
        if (double.IsNaN(value))
        {
            if (canonicalNaN)
            {
                bits = CanonicalNaNBits;
                return 2;
            }

            var raw = BitConverter.DoubleToUInt64Bits(value);
            var sign = raw >> 63;
            var payload = raw & 0x000f_ffff_ffff_ffffUL;

            // 52 payload bits: half keeps the top 10, single the top 23.
            if ((payload & ((1UL << 42) - 1)) == 0)
            {
                bits = (sign << 15) | 0x7c00UL | (payload >> 42);
                return 2;
            }

            if ((payload & ((1UL << 29) - 1)) == 0)
            {
                bits = (sign << 31) | 0x7f80_0000UL | (payload >> 29);
                return 4;
            }

            bits = raw;
            return 8;
        }

        var single = (float)value;
        if ((double)single != value)
        {
            bits = BitConverter.DoubleToUInt64Bits(value);
            return 8;
        }

        // The casts keep the sign, so -0.0 stays -0.0; infinities survive both narrowings.
        var half = (Half)single;
        if ((float)half == single)
        {
            bits = BitConverter.HalfToUInt16Bits(half);
            return 2;
        }

        bits = BitConverter.SingleToUInt32Bits(single);
        return 4;
    }

    /// <summary>Whether a half-precision encoding is what deterministic mode would write.</summary>
    public static bool IsDeterministicHalf(ushort bits) =>
        !Half.IsNaN(BitConverter.UInt16BitsToHalf(bits)) || bits == CanonicalNaNBits;

    /// <summary>Whether a single-precision encoding is what deterministic mode would write: not a NaN, not exact in half.</summary>
    public static bool IsDeterministicSingle(uint bits)
    {
        var value = BitConverter.UInt32BitsToSingle(bits);
        return !float.IsNaN(value) && (float)(Half)value != value;
    }

    /// <summary>Whether a double-precision encoding is what deterministic mode would write: not a NaN, not exact in single.</summary>
    public static bool IsDeterministicDouble(ulong bits)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);
        return !double.IsNaN(value) && (double)(float)value != value;
    }
}
