using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>Copies data items from a reader to a writer keeping their shape: lengths (in)definite as read, string chunks, float widths.</summary>
internal static class CborTranscoder
{
    /// <summary>Re-encodes the single data item in <paramref name="encoded"/>.</summary>
    public static byte[] Reencode(ReadOnlySpan<byte> encoded, CborConformanceMode writerMode = CborConformanceMode.Lax)
    {
        var reader = new CborReader(encoded);
        var writer = new CborWriter(writerMode);
        Copy(ref reader, writer);
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        return writer.Encode();
    }

    /// <summary>
    /// Rewrites the single data item in <paramref name="encoded"/> in Core Deterministic Encoding:
    /// indefinite lengths become definite (strings concatenated), floats shortest, map entries sorted.
    /// Built from <see cref="CborReader.ReadEncodedValue"/> and <see cref="CborWriter.WriteEncodedValue"/>.
    /// </summary>
    public static byte[] ToDeterministic(ReadOnlySpan<byte> encoded)
    {
        var reader = new CborReader(encoded);
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        CopyDeterministic(ref reader, writer);
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        return writer.Encode();
    }

    /// <summary>Copies one data item.</summary>
    public static void Copy(ref CborReader reader, CborWriter writer)
    {
        var state = reader.PeekState();
        switch (state)
        {
            case CborReaderState.UnsignedInteger:
                writer.WriteUInt64(reader.ReadUInt64());
                break;
            case CborReaderState.NegativeInteger:
                writer.WriteCborNegativeIntegerRepresentation(reader.ReadCborNegativeIntegerRepresentation());
                break;
            case CborReaderState.ByteString:
                writer.WriteByteString(reader.ReadByteString());
                break;
            case CborReaderState.TextString:
                writer.WriteTextString(reader.ReadTextStringUtf8());
                break;
            case CborReaderState.StartIndefiniteLengthByteString:
                reader.ReadStartIndefiniteLengthByteString();
                writer.WriteStartIndefiniteLengthByteString();
                while (reader.PeekState() == CborReaderState.ByteString)
                {
                    writer.WriteByteString(reader.ReadByteString());
                }

                reader.ReadEndIndefiniteLengthByteString();
                writer.WriteEndIndefiniteLengthByteString();
                break;
            case CborReaderState.StartIndefiniteLengthTextString:
                reader.ReadStartIndefiniteLengthTextString();
                writer.WriteStartIndefiniteLengthTextString();
                while (reader.PeekState() == CborReaderState.TextString)
                {
                    writer.WriteTextString(reader.ReadTextStringUtf8());
                }

                reader.ReadEndIndefiniteLengthTextString();
                writer.WriteEndIndefiniteLengthTextString();
                break;
            case CborReaderState.StartArray:
                writer.WriteStartArray(reader.ReadStartArray());
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    Copy(ref reader, writer);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.StartMap:
                writer.WriteStartMap(reader.ReadStartMap());
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    Copy(ref reader, writer);
                    Copy(ref reader, writer);
                }

                reader.ReadEndMap();
                writer.WriteEndMap();
                break;
            case CborReaderState.Tag:
                writer.WriteTag(reader.ReadTag());
                Copy(ref reader, writer);
                break;
            case CborReaderState.SimpleValue:
            case CborReaderState.Boolean:
            case CborReaderState.Null:
            case CborReaderState.Undefined:
                writer.WriteSimpleValue(reader.ReadSimpleValue());
                break;
            case CborReaderState.HalfPrecisionFloat:
                writer.WriteHalf(reader.ReadHalf());
                break;
            case CborReaderState.SinglePrecisionFloat:
                writer.WriteSingle(reader.ReadSingle());
                break;
            case CborReaderState.DoublePrecisionFloat:
                writer.WriteDouble(reader.ReadDouble());
                break;
            default:
                throw new InvalidOperationException($"No data item here: {state}.");
        }
    }

    private static void CopyDeterministic(ref CborReader reader, CborWriter writer)
    {
        var state = reader.PeekState();
        switch (state)
        {
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                writer.WriteByteString(reader.ReadByteString());
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                writer.WriteTextString(reader.ReadTextStringUtf8());
                break;
            case CborReaderState.StartArray:
            case CborReaderState.StartMap:
                var isMap = state == CborReaderState.StartMap;
                _ = isMap ? reader.ReadStartMap() : reader.ReadStartArray();
                var items = new List<byte[]>();
                while (reader.PeekState() is not (CborReaderState.EndArray or CborReaderState.EndMap))
                {
                    items.Add(ToDeterministic(reader.ReadEncodedValue()));
                }

                if (isMap)
                {
                    reader.ReadEndMap();
                    writer.WriteStartMap(items.Count / 2);
                }
                else
                {
                    reader.ReadEndArray();
                    writer.WriteStartArray(items.Count);
                }

                items.ForEach(item => writer.WriteEncodedValue(item));
                if (isMap)
                {
                    writer.WriteEndMap();
                }
                else
                {
                    writer.WriteEndArray();
                }

                break;
            case CborReaderState.Tag:
                writer.WriteTag(reader.ReadTag());
                CopyDeterministic(ref reader, writer);
                break;
            default:
                Copy(ref reader, writer);
                break;
        }
    }
}
