using System.Globalization;
using System.Text;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>
/// Prints data items in diagnostic notation (RFC 8949 §8) by walking a <see cref="CborReader"/>:
/// <c>_</c> marks indefinite lengths, as in RFC 8949 Appendix A; with <c>floatWidths</c> floats carry
/// the encoding indicators <c>_1</c>, <c>_2</c>, <c>_3</c> (half, single, double; §8.1).
/// </summary>
internal static class CborDiagnostic
{
    /// <summary>Formats the single data item in <paramref name="encoded"/>; throws if anything follows it.</summary>
    public static string Format(ReadOnlySpan<byte> encoded, CborConformanceMode mode = CborConformanceMode.Lax, bool floatWidths = false)
    {
        var reader = new CborReader(encoded, mode);
        var builder = new StringBuilder();
        Append(ref reader, builder, floatWidths);
        if (reader.PeekState() != CborReaderState.Finished)
        {
            throw new InvalidOperationException("Expected the end of the input.");
        }

        return builder.ToString();
    }

    /// <summary>Formats every item of a CBOR sequence, separated by ", ".</summary>
    public static string FormatSequence(ReadOnlySpan<byte> encoded, CborConformanceMode mode = CborConformanceMode.Lax, bool floatWidths = false)
    {
        var reader = CborSequence.CreateReader(encoded, mode);
        var builder = new StringBuilder();
        var first = true;
        while (reader.PeekState() != CborReaderState.Finished)
        {
            builder.Append(first ? string.Empty : ", ");
            first = false;
            Append(ref reader, builder, floatWidths);
        }

        return builder.ToString();
    }

    /// <summary>Reads one data item and appends its diagnostic notation.</summary>
    public static void Append(ref CborReader reader, StringBuilder builder, bool floatWidths)
    {
        var state = reader.PeekState();
        switch (state)
        {
            case CborReaderState.UnsignedInteger:
                builder.Append(reader.ReadUInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case CborReaderState.NegativeInteger:
                builder.Append((-1 - (Int128)reader.ReadCborNegativeIntegerRepresentation()).ToString(CultureInfo.InvariantCulture));
                break;
            case CborReaderState.ByteString:
                AppendBytes(builder, reader.ReadByteString());
                break;
            case CborReaderState.TextString:
                AppendText(builder, reader.ReadTextString());
                break;
            case CborReaderState.StartIndefiniteLengthByteString:
                reader.ReadStartIndefiniteLengthByteString();
                builder.Append("(_ ");
                for (var i = 0; reader.PeekState() == CborReaderState.ByteString; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    AppendBytes(builder, reader.ReadByteString());
                }

                reader.ReadEndIndefiniteLengthByteString();
                builder.Append(')');
                break;
            case CborReaderState.StartIndefiniteLengthTextString:
                reader.ReadStartIndefiniteLengthTextString();
                builder.Append("(_ ");
                for (var i = 0; reader.PeekState() == CborReaderState.TextString; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    AppendText(builder, reader.ReadTextString());
                }

                reader.ReadEndIndefiniteLengthTextString();
                builder.Append(')');
                break;
            case CborReaderState.StartArray:
                builder.Append(reader.ReadStartArray() is null ? "[_ " : "[");
                for (var i = 0; reader.PeekState() != CborReaderState.EndArray; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Append(ref reader, builder, floatWidths);
                }

                reader.ReadEndArray();
                builder.Append(']');
                break;
            case CborReaderState.StartMap:
                builder.Append(reader.ReadStartMap() is null ? "{_ " : "{");
                for (var i = 0; reader.PeekState() != CborReaderState.EndMap; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Append(ref reader, builder, floatWidths);
                    builder.Append(": ");
                    Append(ref reader, builder, floatWidths);
                }

                reader.ReadEndMap();
                builder.Append('}');
                break;
            case CborReaderState.Tag:
                builder.Append(reader.ReadTag().ToString(CultureInfo.InvariantCulture)).Append('(');
                Append(ref reader, builder, floatWidths);
                builder.Append(')');
                break;
            case CborReaderState.Boolean:
                builder.Append(reader.ReadBoolean() ? "true" : "false");
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                builder.Append("null");
                break;
            case CborReaderState.Undefined:
                reader.ReadUndefined();
                builder.Append("undefined");
                break;
            case CborReaderState.SimpleValue:
                builder.Append("simple(").Append(reader.ReadSimpleValue().ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case CborReaderState.HalfPrecisionFloat:
                builder.Append(FormatFloat((double)reader.ReadHalf())).Append(floatWidths ? "_1" : string.Empty);
                break;
            case CborReaderState.SinglePrecisionFloat:
                builder.Append(FormatFloat(reader.ReadSingle())).Append(floatWidths ? "_2" : string.Empty);
                break;
            case CborReaderState.DoublePrecisionFloat:
                builder.Append(FormatFloat(reader.ReadDouble())).Append(floatWidths ? "_3" : string.Empty);
                break;
            default:
                throw new InvalidOperationException($"No data item here: {state}.");
        }
    }

    /// <summary>A float in the style of RFC 8949 Appendix A: "1.0", "-0.0", "1.0e+300", "5.960464477539063e-8", "Infinity", "NaN".</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        if (e < 0)
        {
            return mantissa;
        }

        var exponent = text[(e + 1)..];
        return mantissa + "e" + exponent[0] + exponent[1..].TrimStart('0');
    }

    /// <summary>A byte string in diagnostic notation: h'0102'.</summary>
    public static string QuoteBytes(ReadOnlySpan<byte> bytes) => AppendBytes(new StringBuilder(), bytes).ToString();

    /// <summary>A text string in diagnostic notation, escaped as in RFC 8949 Appendix A: "\u00fc".</summary>
    public static string QuoteText(string text) => AppendText(new StringBuilder(), text).ToString();

    private static StringBuilder AppendBytes(StringBuilder builder, ReadOnlySpan<byte> bytes) =>
        builder.Append("h'").Append(Convert.ToHexStringLower(bytes)).Append('\'');

    private static StringBuilder AppendText(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ' or > '~':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"');
    }
}
