using System.Buffers.Binary;

namespace Coap.Cbor;

public sealed partial class CborWriter
{
    /// <summary>Writes false (<c>0xf4</c>) or true (<c>0xf5</c>).</summary>
    public void WriteBoolean(bool value) => WriteSimpleByte(value ? (byte)0xf5 : (byte)0xf4);

    /// <summary>Writes null (<c>0xf6</c>).</summary>
    public void WriteNull() => WriteSimpleByte(0xf6);

    /// <summary>Writes undefined (<c>0xf7</c>).</summary>
    public void WriteUndefined() => WriteSimpleByte(0xf7);

    /// <summary>Writes a simple value: 0–23 in one byte, 32–255 in two (RFC 8949 §3.3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">24–31, which are not well-formed.</exception>
    public void WriteSimpleValue(byte value)
    {
        if (value is >= 24 and < 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Simple values 24 to 31 are reserved.");
        }

        if (value < 24)
        {
            WriteSimpleByte((byte)(0xe0 | value));
            return;
        }

        BeginItem();
        EnsureCapacity(2);
        _buffer[_position] = 0xf8;
        _buffer[_position + 1] = value;
        _position += 2;
        EndItem();
    }

    /// <summary>Writes a half-precision float (<c>0xf9</c>); in deterministic mode a NaN becomes <c>0xf97e00</c>.</summary>
    public void WriteHalf(Half value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint((double)value);
            return;
        }

        WriteFloat(2, BitConverter.HalfToUInt16Bits(value));
    }

    /// <summary>Writes a single-precision float (<c>0xfa</c>); in deterministic mode, the shortest exact width instead.</summary>
    public void WriteSingle(float value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint(value);
            return;
        }

        WriteFloat(4, BitConverter.SingleToUInt32Bits(value));
    }

    /// <summary>Writes a double-precision float (<c>0xfb</c>); in deterministic mode, the shortest exact width instead.</summary>
    public void WriteDouble(double value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint(value);
            return;
        }

        WriteFloat(8, BitConverter.DoubleToUInt64Bits(value));
    }

    /// <summary>
    /// Writes a float in preferred serialization (RFC 8949 §4.2.2): half, single or double
    /// precision, whichever is shortest and still exact. A NaN keeps its sign and payload,
    /// shortened only where no payload bits are lost; in deterministic mode every NaN is <c>0xf97e00</c>.
    /// Note that .NET's <see cref="double.NaN"/> has its sign bit set, so lax mode writes it as <c>0xf9fe00</c>.
    /// </summary>
    public void WriteFloatingPoint(double value)
    {
        var width = CborFloat.GetPreferredEncoding(value, ConformanceMode == CborConformanceMode.Deterministic, out var bits);
        WriteFloat(width, bits);
    }

    private void WriteSimpleByte(byte initialByte)
    {
        BeginItem();
        WriteByte(initialByte);
        EndItem();
    }

    private void WriteFloat(int width, ulong bits)
    {
        BeginItem();
        EnsureCapacity(1 + width);
        var span = _buffer.AsSpan(_position);
        switch (width)
        {
            case 2:
                span[0] = 0xf9;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)bits);
                break;
            case 4:
                span[0] = 0xfa;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)bits);
                break;
            default:
                span[0] = 0xfb;
                BinaryPrimitives.WriteUInt64BigEndian(span[1..], bits);
                break;
        }

        _position += 1 + width;
        EndItem();
    }
}
