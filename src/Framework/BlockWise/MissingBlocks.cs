namespace Coap.BlockWise;

/// <summary>
/// The 4.08 payload of RFC 9177 §5 (Content-Format 272, application/missing-blocks+cbor-seq):
/// a CBOR sequence of unsigned integers, ascending and unique, with no array around them.
/// </summary>
internal static class MissingBlocks
{
    /// <summary>The most bytes one number takes (major type 0, up to 2^32 − 1).</summary>
    public const int MaxEncodedNumberSize = 5;

    /// <summary>Writes as many of <paramref name="numbers"/> as fit; returns bytes written and how many numbers went in.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<int> numbers, out int written)
    {
        var length = 0;
        written = 0;
        foreach (var number in numbers)
        {
            var size = GetSize((uint)number);
            if (length + size > destination.Length)
            {
                break;
            }

            length += WriteUInt(destination[length..], (uint)number);
            written++;
        }

        return length;
    }

    /// <summary>
    /// Reads the numbers. Returns false (drop the message, §5 "SHOULD silently drop") when the payload
    /// is not a sequence of unsigned integers or is not ascending; duplicates of the previous number are
    /// skipped ("MUST ignore"), so a list like 1, 1, 3 yields 1, 3.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, List<int> numbers)
    {
        numbers.Clear();
        var previous = -1L;
        while (!payload.IsEmpty)
        {
            if (!TryReadUInt(ref payload, out var value) || value > CoapBlock.MaxNumber)
            {
                return false;
            }

            if (value == previous)
            {
                continue;
            }

            if (value < previous)
            {
                return false;
            }

            numbers.Add((int)value);
            previous = value;
        }

        return true;
    }

    private static int GetSize(uint value) => value switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    private static int WriteUInt(Span<byte> destination, uint value)
    {
        switch (GetSize(value))
        {
            case 1:
                destination[0] = (byte)value;
                return 1;
            case 2:
                destination[0] = 0x18;
                destination[1] = (byte)value;
                return 2;
            case 3:
                destination[0] = 0x19;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value);
                return 3;
            default:
                destination[0] = 0x1A;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination[1..], value);
                return 5;
        }
    }

    private static bool TryReadUInt(ref ReadOnlySpan<byte> payload, out long value)
    {
        var initial = payload[0];
        value = 0;
        if (initial >> 5 != 0)
        {
            return false;
        }

        var info = initial & 0x1F;
        var extra = info switch
        {
            < 24 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            _ => -1,
        };
        if (extra < 0 || payload.Length < 1 + extra)
        {
            return false;
        }

        if (extra == 0)
        {
            value = info;
        }
        else
        {
            ulong raw = 0;
            foreach (var b in payload.Slice(1, extra))
            {
                raw = (raw << 8) | b;
            }

            value = raw > int.MaxValue ? long.MaxValue : (long)raw;
        }

        payload = payload[(1 + extra)..];
        return true;
    }
}
