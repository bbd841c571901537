using System.Buffers.Binary;

namespace Coap.Cbor;

public ref partial struct CborReader
{
    /// <summary>Reads false or true.</summary>
    /// <exception cref="CborContentException">The next item is not a boolean, or the input is malformed.</exception>
    public bool ReadBoolean()
    {
        Expect(CborReaderState.Boolean, "a boolean");
        var value = _data[_offset] == 0xf5;
        BeginItem();
        _offset++;
        return value;
    }

    /// <summary>Reads null.</summary>
    /// <exception cref="CborContentException">The next item is not null, or the input is malformed.</exception>
    public void ReadNull()
    {
        Expect(CborReaderState.Null, "null");
        BeginItem();
        _offset++;
    }

    /// <summary>Reads undefined.</summary>
    /// <exception cref="CborContentException">The next item is not undefined, or the input is malformed.</exception>
    public void ReadUndefined()
    {
        Expect(CborReaderState.Undefined, "undefined");
        BeginItem();
        _offset++;
    }

    /// <summary>Reads any simple value (false, true, null and undefined included, floats excluded) as its number: 0–23 or 32–255.</summary>
    /// <exception cref="CborContentException">The next item is not a simple value, or the input is malformed.</exception>
    public byte ReadSimpleValue()
    {
        var state = PeekState();
        if (state is not (CborReaderState.SimpleValue or CborReaderState.Boolean or CborReaderState.Null or CborReaderState.Undefined))
        {
            throw Unexpected(state, "a simple value");
        }

        var additional = (byte)(_data[_offset] & 0x1f);
        BeginItem();
        if (additional < 24)
        {
            _offset++;
            return additional;
        }

        // PeekState has checked the second byte exists and is 32 or more.
        var value = _data[_offset + 1];
        _offset += 2;
        return value;
    }

    /// <summary>Reads a half-precision float.</summary>
    /// <exception cref="CborContentException">The next item is not a half-precision float, or the input is malformed.</exception>
    public Half ReadHalf()
    {
        Expect(CborReaderState.HalfPrecisionFloat, "a half-precision float");
        return BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2));
    }

    /// <summary>Reads a half- or single-precision float.</summary>
    /// <exception cref="CborContentException">The next item is not a half- or single-precision float, or the input is malformed.</exception>
    public float ReadSingle()
    {
        var state = PeekState();
        return state switch
        {
            CborReaderState.HalfPrecisionFloat => (float)BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2)),
            CborReaderState.SinglePrecisionFloat => BitConverter.UInt32BitsToSingle((uint)ReadFloatBits(4)),
            _ => throw Unexpected(state, "a half- or single-precision float"),
        };
    }

    /// <summary>Reads a float of any width as a double (widening is exact).</summary>
    /// <exception cref="CborContentException">The next item is not a float, or the input is malformed.</exception>
    public double ReadDouble()
    {
        var state = PeekState();
        return state switch
        {
            CborReaderState.HalfPrecisionFloat => (double)BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2)),
            CborReaderState.SinglePrecisionFloat => BitConverter.UInt32BitsToSingle((uint)ReadFloatBits(4)),
            CborReaderState.DoublePrecisionFloat => BitConverter.UInt64BitsToDouble(ReadFloatBits(8)),
            _ => throw Unexpected(state, "a float"),
        };
    }

    private ulong ReadFloatBits(int width)
    {
        RequireBytes(_offset, 1 + width);
        var payload = _data[(_offset + 1)..];
        ulong bits;
        bool deterministic;
        switch (width)
        {
            case 2:
                bits = BinaryPrimitives.ReadUInt16BigEndian(payload);
                deterministic = CborFloat.IsDeterministicHalf((ushort)bits);
                break;
            case 4:
                bits = BinaryPrimitives.ReadUInt32BigEndian(payload);
                deterministic = CborFloat.IsDeterministicSingle((uint)bits);
                break;
            default:
                bits = BinaryPrimitives.ReadUInt64BigEndian(payload);
                deterministic = CborFloat.IsDeterministicDouble(bits);
                break;
        }

        if (!deterministic && _mode == CborConformanceMode.Deterministic)
        {
            throw Error("Deterministic encoding requires the shortest exact float width, and NaN as 0xf97e00.");
        }

        BeginItem();
        _offset += 1 + width;
        return bits;
    }
}
