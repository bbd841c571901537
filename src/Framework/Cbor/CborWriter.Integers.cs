namespace Coap.Cbor;

public sealed partial class CborWriter
{
    /// <summary>Writes an unsigned integer (major type 0).</summary>
    public void WriteUInt64(ulong value)
    {
        BeginItem();
        WriteHead(CborMajorType.UnsignedInteger, value);
        EndItem();
    }

    /// <summary>Writes an unsigned integer (major type 0).</summary>
    public void WriteUInt32(uint value) => WriteUInt64(value);

    /// <summary>Writes an integer: major type 0 when non-negative, major type 1 otherwise.</summary>
    public void WriteInt64(long value)
    {
        BeginItem();

        // For negative values the argument is -1 - value, which is ~value.
        if (value >= 0)
        {
            WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
        }
        else
        {
            WriteHead(CborMajorType.NegativeInteger, (ulong)~value);
        }

        EndItem();
    }

    /// <summary>Writes an integer: major type 0 when non-negative, major type 1 otherwise.</summary>
    public void WriteInt32(int value) => WriteInt64(value);

    /// <summary>Writes the negative integer <c>-1 - <paramref name="value"/></c> (major type 1 with argument <paramref name="value"/>), reaching down to -2^64.</summary>
    public void WriteCborNegativeIntegerRepresentation(ulong value)
    {
        BeginItem();
        WriteHead(CborMajorType.NegativeInteger, value);
        EndItem();
    }

    /// <summary>Writes any integer that major types 0 and 1 can hold: -2^64 to 2^64 - 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value needs a bignum (tag 2 or 3).</exception>
    public void WriteInt128(Int128 value)
    {
        if (value > ulong.MaxValue || value < -(Int128)ulong.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Major types 0 and 1 hold -2^64 to 2^64 - 1.");
        }

        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else
        {
            WriteCborNegativeIntegerRepresentation((ulong)(-1 - value));
        }
    }
}
