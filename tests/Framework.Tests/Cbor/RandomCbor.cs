using System.Globalization;
using System.Text;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>
/// Generates random nested data items as a script of writer calls, with the diagnostic notation
/// (<see cref="CborDiagnostic"/>, float widths included) that reading them back must print.
/// With <c>deterministicCompatible</c>, only what a deterministic writer accepts: definite
/// lengths and unique map keys.
/// </summary>
internal sealed class RandomCbor(int seed, bool deterministicCompatible = false)
{
    private const int MaxDepth = 5;

    // Floats for WriteFloatingPoint with the width preferred serialization must pick.
    private static readonly (double Value, int Width)[] _preferredFloats =
    [
        (0.0, 1), (-0.0, 1), (1.5, 1), (65504, 1), (-65504, 1), (5.960464477539063e-8, 1), (0.00006103515625, 1),
        (double.PositiveInfinity, 1), (double.NegativeInfinity, 1), (65505, 2), (100000, 2), (3.4028234663852886e+38, 2),
        (2.9802322387695312e-8, 2), (1.401298464324817e-45, 2), (1.0 / 3.0, 3), (1.1, 3), (1e300, 3), (double.Epsilon, 3),
        ((double)(1.0f / 3.0f), 2), (1363896240.5, 3), (-4.1, 3),
    ];

    private readonly Random _random = new(seed);
    private readonly List<Action<CborWriter>> _script = [];
    private readonly StringBuilder _diagnostic = new();

    /// <summary>Generates one data item: the calls that write it and the diagnostic they must read back as.</summary>
    public (Action<CborWriter> Write, string Diagnostic) Next()
    {
        _script.Clear();
        _diagnostic.Clear();
        Item(0);
        var script = _script.ToArray();
        return (writer => Array.ForEach(script, call => call(writer)), _diagnostic.ToString());
    }

    /// <summary>Random bytes that are the encoding of one generated item.</summary>
    public byte[] NextEncoded()
    {
        var writer = new CborWriter();
        Next().Write(writer);
        return writer.Encode();
    }

    private void Emit(Action<CborWriter> call) => _script.Add(call);

    private void Text(string text) => _diagnostic.Append(text);

    private void Item(int depth)
    {
        var containers = depth < MaxDepth;
        switch (_random.Next(containers ? 13 : 8))
        {
            case 0:
                UnsignedInteger();
                break;
            case 1:
                NegativeInteger();
                break;
            case 2:
                ByteString();
                break;
            case 3:
                TextString();
                break;
            case 4:
                SimpleValue();
                break;
            case 5:
            case 6:
                FloatingPoint();
                break;
            case 7:
                if (deterministicCompatible)
                {
                    TextString();
                }
                else
                {
                    IndefiniteString();
                }

                break;
            case 8:
            case 9:
                WriteArray(depth);
                break;
            case 10:
            case 11:
                Map(depth);
                break;
            default:
                var tag = NextMagnitude();
                Emit(w => w.WriteTag(tag));
                Text(tag.ToString(CultureInfo.InvariantCulture) + "(");
                Item(depth);
                Text(")");
                break;
        }
    }

    private ulong NextMagnitude() => _random.Next(6) switch
    {
        0 => (ulong)_random.Next(24),
        1 => (ulong)_random.Next(24, 256),
        2 => (ulong)_random.Next(256, 65536),
        3 => (ulong)_random.NextInt64(65536, 1L << 32),
        4 => (ulong)_random.NextInt64(1L << 32, long.MaxValue) * 2 + (ulong)_random.Next(2),
        _ => _random.Next(2) == 0 ? ulong.MaxValue : (ulong)_random.Next(4) + 22,
    };

    private void UnsignedInteger()
    {
        var value = NextMagnitude();
        if (value <= uint.MaxValue && _random.Next(2) == 0)
        {
            Emit(w => w.WriteUInt32((uint)value));
        }
        else
        {
            Emit(w => w.WriteUInt64(value));
        }

        Text(value.ToString(CultureInfo.InvariantCulture));
    }

    private void NegativeInteger()
    {
        var n = NextMagnitude();
        var value = -1 - (Int128)n;
        switch (_random.Next(3))
        {
            case 0 when value >= long.MinValue:
                Emit(w => w.WriteInt64((long)value));
                break;
            case 1:
                Emit(w => w.WriteInt128(value));
                break;
            default:
                Emit(w => w.WriteCborNegativeIntegerRepresentation(n));
                break;
        }

        Text(value.ToString(CultureInfo.InvariantCulture));
    }

    private byte[] RandomBytes()
    {
        var length = _random.Next(8) switch
        {
            0 => 0,
            1 => 23,
            2 => 24,
            3 => _random.Next(250, 300),
            _ => _random.Next(1, 12),
        };
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomString()
    {
        var builder = new StringBuilder();
        var length = _random.Next(4) == 0 ? _random.Next(20, 40) : _random.Next(0, 6);
        for (var i = 0; i < length; i++)
        {
            switch (_random.Next(7))
            {
                case 0:
                    builder.Append("\"\\\n\0\u007f"[_random.Next(5)]);
                    break;
                case 1:
                    builder.Append((char)_random.Next(0xa0, 0x800));
                    break;
                case 2:
                    builder.Append((char)_random.Next(0x800, 0xd800));
                    break;
                case 3:
                    builder.Append(char.ConvertFromUtf32(_random.Next(0x10000, 0x110000)));
                    break;
                case 4:
                    builder.Append((char)_random.Next(0xe000, 0x10000));
                    break;
                default:
                    builder.Append((char)_random.Next(0x20, 0x7f));
                    break;
            }
        }

        return builder.ToString();
    }

    private void ByteString()
    {
        var bytes = RandomBytes();
        Emit(w => w.WriteByteString(bytes));
        Text(CborDiagnostic.QuoteBytes(bytes));
    }

    private void TextString()
    {
        var text = RandomString();
        if (_random.Next(2) == 0)
        {
            Emit(w => w.WriteTextString(text));
        }
        else
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Emit(w => w.WriteTextString(utf8));
        }

        Text(CborDiagnostic.QuoteText(text));
    }

    private void IndefiniteString()
    {
        var chunks = _random.Next(4);
        var bytes = _random.Next(2) == 0;
        Emit(bytes ? w => w.WriteStartIndefiniteLengthByteString() : w => w.WriteStartIndefiniteLengthTextString());
        Text("(_ ");
        for (var i = 0; i < chunks; i++)
        {
            Text(i == 0 ? string.Empty : ", ");
            if (bytes)
            {
                ByteString();
            }
            else
            {
                TextString();
            }
        }

        Emit(bytes ? w => w.WriteEndIndefiniteLengthByteString() : w => w.WriteEndIndefiniteLengthTextString());
        Text(")");
    }

    private void SimpleValue()
    {
        switch (_random.Next(5))
        {
            case 0:
                var flag = _random.Next(2) == 0;
                Emit(w => w.WriteBoolean(flag));
                Text(flag ? "true" : "false");
                break;
            case 1:
                Emit(w => w.WriteNull());
                Text("null");
                break;
            case 2:
                Emit(w => w.WriteUndefined());
                Text("undefined");
                break;
            default:
                var value = (byte)(_random.Next(2) == 0 ? _random.Next(0, 20) : _random.Next(32, 256));
                Emit(w => w.WriteSimpleValue(value));
                Text($"simple({value})");
                break;
        }
    }

    private void FloatingPoint()
    {
        switch (_random.Next(4))
        {
            case 0:
                var half = BitConverter.UInt16BitsToHalf((ushort)_random.Next(65536));
                Emit(w => w.WriteHalf(half));
                Text(CborDiagnostic.FormatFloat((double)half) + "_1");
                break;
            case 1:
                var single = BitConverter.Int32BitsToSingle(_random.Next(int.MinValue, int.MaxValue));
                Emit(w => w.WriteSingle(single));
                Text(CborDiagnostic.FormatFloat(single) + "_2");
                break;
            case 2:
                var wide = BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue));
                Emit(w => w.WriteDouble(wide));
                Text(CborDiagnostic.FormatFloat(wide) + "_3");
                break;
            default:
                var (value, width) = _preferredFloats[_random.Next(_preferredFloats.Length)];
                Emit(w => w.WriteFloatingPoint(value));
                Text(CborDiagnostic.FormatFloat(value) + "_" + width.ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private void WriteArray(int depth)
    {
        var count = _random.Next(5);
        int? length = deterministicCompatible || _random.Next(3) > 0 ? count : null;
        Emit(w => w.WriteStartArray(length));
        Text(length is null ? "[_ " : "[");
        for (var i = 0; i < count; i++)
        {
            Text(i == 0 ? string.Empty : ", ");
            Item(depth + 1);
        }

        Emit(w => w.WriteEndArray());
        Text("]");
    }

    private void Map(int depth)
    {
        var count = _random.Next(4);
        int? length = deterministicCompatible || _random.Next(3) > 0 ? count : null;
        Emit(w => w.WriteStartMap(length));
        Text(length is null ? "{_ " : "{");
        for (var i = 0; i < count; i++)
        {
            Text(i == 0 ? string.Empty : ", ");
            if (deterministicCompatible)
            {
                UniqueKey(i);
            }
            else
            {
                Item(depth + 1);
            }

            Text(": ");
            Item(depth + 1);
        }

        Emit(w => w.WriteEndMap());
        Text("}");
    }

    /// <summary>A key that no other key of the same map can equal: the entry index is part of its value.</summary>
    private void UniqueKey(int index)
    {
        switch (_random.Next(4))
        {
            case 0:
                var number = ((ulong)index * 100_000) + (ulong)_random.Next(100_000);
                Emit(w => w.WriteUInt64(number));
                Text(number.ToString(CultureInfo.InvariantCulture));
                break;
            case 1:
                var negative = -1 - ((long)index * 100_000) - _random.Next(100_000);
                Emit(w => w.WriteInt64(negative));
                Text(negative.ToString(CultureInfo.InvariantCulture));
                break;
            case 2:
                var text = index.ToString(CultureInfo.InvariantCulture) + ":" + RandomString();
                Emit(w => w.WriteTextString(text));
                Text(CborDiagnostic.QuoteText(text));
                break;
            default:
                byte[] bytes = [(byte)index, .. RandomBytes()];
                Emit(w => w.WriteByteString(bytes));
                Text(CborDiagnostic.QuoteBytes(bytes));
                break;
        }
    }
}
