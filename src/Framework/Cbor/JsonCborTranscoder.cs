using System.Text.Json;

namespace Coap.Cbor;

/// <summary>
/// Converts between JSON and CBOR data items (RFC 8949 §6.1 and §6.2), so objects can be read and
/// written as CBOR through the same System.Text.Json contracts (names, converters, source-generated
/// contexts) as JSON. CBOR byte strings become base64url text in JSON; map keys must be text;
/// tags are dropped; non-finite floats and undefined have no JSON form and are rejected.
/// </summary>
public static class JsonCborTranscoder
{
    /// <summary>Writes the JSON document as one CBOR data item with definite lengths.</summary>
    public static void JsonToCbor(ReadOnlySpan<byte> utf8Json, CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        Write(document.RootElement, writer);
    }

    /// <summary>Reads one CBOR data item and writes it as JSON; throws <see cref="CborContentException"/> when it has no JSON form.</summary>
    public static void CborToJson(ref CborReader reader, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                writer.WriteNumberValue(reader.ReadUInt64());
                break;
            case CborReaderState.NegativeInteger:
                var negative = reader.ReadInt128();
                if (negative >= long.MinValue)
                {
                    writer.WriteNumberValue((long)negative);
                }
                else
                {
                    writer.WriteNumberValue((double)negative);
                }

                break;
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                writer.WriteStringValue(Convert.ToBase64String(reader.ReadByteString()).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
                break;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                writer.WriteStringValue(reader.ReadTextStringUtf8());
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                writer.WriteStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    CborToJson(ref reader, writer);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                writer.WriteStartObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
                    {
                        throw new CborContentException("Only text map keys have a JSON form.");
                    }

                    writer.WritePropertyName(reader.ReadTextStringUtf8());
                    CborToJson(ref reader, writer);
                }

                reader.ReadEndMap();
                writer.WriteEndObject();
                break;
            case CborReaderState.Tag:
                reader.ReadTag();
                CborToJson(ref reader, writer);
                break;
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                var value = reader.ReadDouble();
                if (!double.IsFinite(value))
                {
                    throw new CborContentException("Infinity and NaN have no JSON form.");
                }

                writer.WriteNumberValue(value);
                break;
            case CborReaderState.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                writer.WriteNullValue();
                break;
            default:
                throw new CborContentException($"A CBOR {reader.PeekState()} has no JSON form.");
        }
    }

    private static void Write(JsonElement element, CborWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }

                writer.WriteStartMap(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.WriteTextString(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndMap();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteTextString(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.WriteInt64(integer);
                break;
            case JsonValueKind.Number when element.TryGetUInt64(out var unsigned):
                writer.WriteUInt64(unsigned);
                break;
            case JsonValueKind.Number:
                writer.WriteFloatingPoint(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteBoolean(element.GetBoolean());
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}
