using System.Buffers;

namespace Coap.Cbor;

/// <summary>
/// CBOR sequences (RFC 8742): zero or more data items concatenated, with no enclosing array.
/// The payload of a Q-Block 4.08 (Request Entity Incomplete) response is one, listing the
/// missing block numbers as unsigned integers (RFC 9177 §5, media type
/// <c>application/missing-blocks+cbor-seq</c>): see <see cref="EncodeUInt64s"/> and <see cref="DecodeUInt64s"/>.
/// </summary>
public static class CborSequence
{
    /// <summary>Media type <c>application/cbor-seq</c> (RFC 8742 §6).</summary>
    public const string MediaType = "application/cbor-seq";

    /// <summary>CoAP Content-Format number of <c>application/cbor-seq</c> (RFC 8742 §6.2).</summary>
    public const int ContentFormat = 63;

    /// <summary>Creates a writer that accepts any number of root values.</summary>
    public static CborWriter CreateWriter(CborConformanceMode conformanceMode = CborConformanceMode.Lax) =>
        new(conformanceMode, allowMultipleRootValues: true);

    /// <summary>Creates a writer that appends any number of root values to <paramref name="destination"/>.</summary>
    public static CborWriter CreateWriter(IBufferWriter<byte> destination, CborConformanceMode conformanceMode = CborConformanceMode.Lax) =>
        new(destination, conformanceMode, allowMultipleRootValues: true);

    /// <summary>Creates a reader over a sequence; <see cref="CborReader.PeekState"/> reports <see cref="CborReaderState.Finished"/> after the last item (at once when empty).</summary>
    public static CborReader CreateReader(
        ReadOnlySpan<byte> data,
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        int maxDepth = CborReader.DefaultMaxDepth) =>
        new(data, conformanceMode, allowMultipleRootValues: true, maxDepth);

    /// <summary>Enumerates the encoded items of a sequence, validating each one as it is reached.</summary>
    /// <remarks>A malformed item throws <see cref="CborContentException"/> from <see cref="CborSequenceEnumerator.MoveNext"/>.</remarks>
    public static CborSequenceEnumerator EnumerateItems(
        ReadOnlySpan<byte> data,
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        int maxDepth = CborReader.DefaultMaxDepth) =>
        new(CreateReader(data, conformanceMode, maxDepth));

    /// <summary>Counts the items of a sequence, validating all of them.</summary>
    /// <exception cref="CborContentException">An item is malformed.</exception>
    public static int Count(
        ReadOnlySpan<byte> data,
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        int maxDepth = CborReader.DefaultMaxDepth)
    {
        var count = 0;
        foreach (var item in EnumerateItems(data, conformanceMode, maxDepth))
        {
            _ = item;
            count++;
        }

        return count;
    }

    /// <summary>Encodes unsigned integers as a sequence (each in its shortest form).</summary>
    public static byte[] EncodeUInt64s(ReadOnlySpan<ulong> values)
    {
        var length = 0;
        foreach (var value in values)
        {
            length += CborWriter.GetUInt64EncodedLength(value);
        }

        var writer = new CborWriter(CborConformanceMode.Lax, allowMultipleRootValues: true, initialCapacity: length);
        foreach (var value in values)
        {
            writer.WriteUInt64(value);
        }

        return writer.Encode();
    }

    /// <summary>Appends unsigned integers to <paramref name="destination"/> as a sequence; returns the bytes written.</summary>
    public static int WriteUInt64s(IBufferWriter<byte> destination, ReadOnlySpan<ulong> values)
    {
        var writer = CreateWriter(destination);
        foreach (var value in values)
        {
            writer.WriteUInt64(value);
        }

        return writer.BytesWritten;
    }

    /// <summary>Decodes a sequence whose every item is an unsigned integer.</summary>
    /// <exception cref="CborContentException">An item is malformed or not an unsigned integer.</exception>
    public static ulong[] DecodeUInt64s(ReadOnlySpan<byte> data, CborConformanceMode conformanceMode = CborConformanceMode.Lax)
    {
        var reader = CreateReader(data, conformanceMode);
        var values = new List<ulong>();
        while (reader.PeekState() != CborReaderState.Finished)
        {
            values.Add(reader.ReadUInt64());
        }

        return [.. values];
    }
}
