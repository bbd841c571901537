using System.Globalization;
using System.Text;
using System.Text.Json;
using Coap.Cbor;

namespace Coap.Observe;

/// <summary>
/// The value of a resource representation that conditional attributes compare: a number, a
/// boolean, other content (kept as a reference to the immutable payload, never copied) or none.
/// </summary>
internal readonly struct ObservedValue
{
    private const int TextPlain = 0;
    private const int Json = 50;
    private const int CborFormat = 60;

    private ObservedValue(ObservedValueKind kind, double number, bool boolean, ReadOnlyMemory<byte> text)
    {
        Kind = kind;
        Number = number;
        Boolean = boolean;
        Text = text;
    }

    /// <summary>No value (an empty payload).</summary>
    public static ObservedValue None => default;

    /// <summary>What the value holds.</summary>
    public ObservedValueKind Kind { get; }

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ObservedValueKind.Number"/>.</summary>
    public double Number { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ObservedValueKind.Boolean"/>.</summary>
    public bool Boolean { get; }

    /// <summary>The payload, when <see cref="Kind"/> is <see cref="ObservedValueKind.Text"/>.</summary>
    public ReadOnlyMemory<byte> Text { get; }

    /// <summary>A number.</summary>
    public static ObservedValue FromNumber(double value) => new(ObservedValueKind.Number, value, false, default);

    /// <summary>A boolean.</summary>
    public static ObservedValue FromBoolean(bool value) => new(ObservedValueKind.Boolean, 0, value, default);

    /// <summary>Other content; <paramref name="payload"/> must not change afterwards.</summary>
    public static ObservedValue FromText(ReadOnlyMemory<byte> payload) => new(ObservedValueKind.Text, 0, false, payload);

    /// <summary>
    /// Extracts the value of a representation: a lone number or boolean in text/plain (a number may
    /// be followed by a unit, as in <c>18.5 Cel</c>), JSON or CBOR; anything else is text.
    /// </summary>
    /// <param name="payload">The representation; referenced, not copied, so it must not change afterwards.</param>
    /// <param name="contentFormat">Its Content-Format; null is read as text/plain.</param>
    public static ObservedValue FromPayload(ReadOnlyMemory<byte> payload, int? contentFormat)
    {
        if (payload.IsEmpty)
        {
            return None;
        }

        var span = payload.Span;
        ObservedValue value;
        var found = contentFormat switch
        {
            null or TextPlain => TryPlainText(span, out value),
            Json => TryJson(span, out value),
            CborFormat => TryCbor(span, out value),
            _ => NotFound(out value),
        };
        return found ? value : FromText(payload);
    }

    /// <summary>Whether both are the same kind with equal numbers, booleans or payload bytes.</summary>
    public bool SameAs(in ObservedValue other) => Kind == other.Kind && Kind switch
    {
        ObservedValueKind.Number => Number.Equals(other.Number),
        ObservedValueKind.Boolean => Boolean == other.Boolean,
        ObservedValueKind.Text => Text.Span.SequenceEqual(other.Text.Span),
        _ => true,
    };

    private static bool NotFound(out ObservedValue value)
    {
        value = default;
        return false;
    }

    private static bool TryPlainText(ReadOnlySpan<byte> text, out ObservedValue value)
    {
        text = text.Trim(" \t\r\n"u8);
        if (Ascii.EqualsIgnoreCase(text, "true"u8) || Ascii.EqualsIgnoreCase(text, "false"u8))
        {
            value = FromBoolean(text.Length == 4);
            return true;
        }

        // A number alone, or followed by whitespace and a unit (RFC 8428 style "18.5 Cel").
        var end = text.IndexOfAny(" \t"u8);
        var token = end < 0 ? text : text[..end];
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = FromNumber(number);
            return true;
        }

        value = default;
        return false;
    }

    private static bool TryJson(ReadOnlySpan<byte> json, out ObservedValue value)
    {
        value = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read())
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                    value = FromNumber(number);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    value = FromBoolean(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    return false;
            }

            // Anything after the value (or malformed JSON, which throws) makes it text.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryCbor(ReadOnlySpan<byte> cbor, out ObservedValue value)
    {
        value = default;
        try
        {
            var reader = new CborReader(cbor);
            switch (reader.PeekState())
            {
                case CborReaderState.UnsignedInteger:
                case CborReaderState.NegativeInteger:
                    value = FromNumber((double)reader.ReadInt128());
                    break;
                case CborReaderState.HalfPrecisionFloat:
                case CborReaderState.SinglePrecisionFloat:
                case CborReaderState.DoublePrecisionFloat:
                    var number = reader.ReadDouble();
                    if (!double.IsFinite(number))
                    {
                        return false;
                    }

                    value = FromNumber(number);
                    break;
                case CborReaderState.Boolean:
                    value = FromBoolean(reader.ReadBoolean());
                    break;
                default:
                    return false;
            }

            // Throws when data follows the single item.
            return reader.PeekState() == CborReaderState.Finished;
        }
        catch (CborContentException)
        {
            return false;
        }
    }
}
