namespace Coap.Cbor;

public ref partial struct CborReader
{
    /// <summary>Reads an unsigned integer (major type 0).</summary>
    /// <exception cref="CborContentException">The next item is not an unsigned integer, or the input is malformed.</exception>
    public ulong ReadUInt64()
    {
        Expect(CborReaderState.UnsignedInteger, "an unsigned integer");
        return ReadIntegerArgument();
    }

    /// <summary>Reads an unsigned integer (major type 0) that fits in 32 bits.</summary>
    /// <exception cref="CborContentException">The next item is not an unsigned integer, is too large, or the input is malformed.</exception>
    public uint ReadUInt32()
    {
        Expect(CborReaderState.UnsignedInteger, "an unsigned integer");
        var value = PeekArgumentForRange();
        if (value > uint.MaxValue)
        {
            throw Error($"{value} does not fit in a UInt32.");
        }

        return (uint)ReadIntegerArgument();
    }

    /// <summary>Reads an integer (major type 0 or 1) that fits in 64 signed bits.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, is out of range, or the input is malformed.</exception>
    public long ReadInt64()
    {
        var value = ReadInt128();
        if (value > long.MaxValue || value < long.MinValue)
        {
            throw Error($"{value} does not fit in an Int64.");
        }

        return (long)value;
    }

    /// <summary>Reads an integer (major type 0 or 1) that fits in 32 signed bits.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, is out of range, or the input is malformed.</exception>
    public int ReadInt32()
    {
        var value = ReadInt128();
        if (value > int.MaxValue || value < int.MinValue)
        {
            throw Error($"{value} does not fit in an Int32.");
        }

        return (int)value;
    }

    /// <summary>Reads any integer of major type 0 or 1: -2^64 to 2^64 - 1.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, or the input is malformed.</exception>
    public Int128 ReadInt128()
    {
        var state = PeekState();
        if (state == CborReaderState.UnsignedInteger)
        {
            return ReadIntegerArgument();
        }

        if (state == CborReaderState.NegativeInteger)
        {
            return -1 - (Int128)ReadIntegerArgument();
        }

        throw Unexpected(state, "an integer");
    }

    /// <summary>Reads a negative integer (major type 1) as its raw argument <c>n</c>; the value is <c>-1 - n</c>, down to -2^64.</summary>
    /// <exception cref="CborContentException">The next item is not a negative integer, or the input is malformed.</exception>
    public ulong ReadCborNegativeIntegerRepresentation()
    {
        Expect(CborReaderState.NegativeInteger, "a negative integer");
        return ReadIntegerArgument();
    }

    private ulong ReadIntegerArgument()
    {
        var value = ReadArgument(_offset, out var headLength);
        BeginItem();
        _offset += headLength;
        return value;
    }
}
