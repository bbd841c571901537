using System.Buffers;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>Core Deterministic Encoding (RFC 8949 §4.2.1): the writer sorts map entries, the reader enforces every rule.</summary>
public class CborDeterministicTests
{
    [Fact]
    public void WriteEndMap_SortsKeysBytewise_Rfc8949Section421Example()
    {
        // RFC 8949 §4.2.1 orders these keys as 10, 100, -1, "z", "aa", [100], [-1], false:
        // 0x0a < 0x1864 < 0x20 < 0x617a < 0x626161 < 0x811864 < 0x8120 < 0xf4.
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        writer.WriteStartMap(8);
        writer.WriteBoolean(false);
        writer.WriteUInt64(7);
        writer.WriteStartArray(1);
        writer.WriteInt64(-1);
        writer.WriteEndArray();
        writer.WriteUInt64(6);
        writer.WriteStartArray(1);
        writer.WriteUInt64(100);
        writer.WriteEndArray();
        writer.WriteUInt64(5);
        writer.WriteTextString("aa");
        writer.WriteUInt64(4);
        writer.WriteTextString("z");
        writer.WriteUInt64(3);
        writer.WriteInt64(-1);
        writer.WriteUInt64(2);
        writer.WriteUInt64(100);
        writer.WriteUInt64(1);
        writer.WriteUInt64(10);
        writer.WriteUInt64(0);
        writer.WriteEndMap();

        var encoded = writer.Encode();

        Assert.Equal("a8" + "0a00" + "186401" + "2002" + "617a03" + "62616104" + "81186405" + "812006" + "f407", Convert.ToHexStringLower(encoded));
        Assert.Equal("{10: 0, 100: 1, -1: 2, \"z\": 3, \"aa\": 4, [100]: 5, [-1]: 6, false: 7}", CborDiagnostic.Format(encoded, CborConformanceMode.Deterministic));
    }

    [Fact]
    public void LaxMode_KeepsWrittenOrder()
    {
        var writer = new CborWriter();
        WriteFunAmt(writer);

        Assert.Equal("a26346756ef563416d7421", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void DeterministicMode_SortsTheRfcFunAmtMap()
    {
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        WriteFunAmt(writer);

        Assert.Equal("a263416d74216346756ef5", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void NestedMaps_AreSortedAtEveryLevel_IncludingMapsUsedAsKeys()
    {
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        writer.WriteStartArray(2);
        writer.WriteStartMap(2);
        writer.WriteUInt64(2);
        writer.WriteStartMap(2);
        writer.WriteTextString("b");
        writer.WriteNull();
        writer.WriteTextString("a");
        writer.WriteNull();
        writer.WriteEndMap();
        writer.WriteStartMap(2);           // a map as a key: sorted before it is compared
        writer.WriteUInt64(9);
        writer.WriteUInt64(0);
        writer.WriteUInt64(1);
        writer.WriteUInt64(0);
        writer.WriteEndMap();
        writer.WriteBoolean(true);
        writer.WriteEndMap();
        writer.WriteTag(1);
        writer.WriteStartMap(2);
        writer.WriteTextString("y");
        writer.WriteUInt64(1);
        writer.WriteTextString("x");
        writer.WriteUInt64(0);
        writer.WriteEndMap();
        writer.WriteEndArray();

        var encoded = writer.Encode();

        Assert.Equal("[{2: {\"a\": null, \"b\": null}, {1: 0, 9: 0}: true}, 1({\"x\": 0, \"y\": 1})]", CborDiagnostic.Format(encoded, CborConformanceMode.Deterministic));
    }

    [Fact]
    public void TaggedKeys_SortByTheirWholeEncoding()
    {
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        writer.WriteStartMap(3);
        writer.WriteTag(1);
        writer.WriteUInt64(0);
        writer.WriteNull();
        writer.WriteUInt64(5);
        writer.WriteNull();
        writer.WriteTextString("t");
        writer.WriteNull();
        writer.WriteEndMap();

        Assert.Equal("a305f66174f6c100f6", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void DuplicateKeys_AreRejected()
    {
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        writer.WriteStartMap(3);
        writer.WriteInt32(1);
        writer.WriteNull();
        writer.WriteTextString("a");
        writer.WriteNull();
        writer.WriteUInt64(1);
        writer.WriteNull();

        Assert.Throws<InvalidOperationException>(writer.WriteEndMap);

        // Lax mode does not look.
        var lax = new CborWriter();
        lax.WriteStartMap(2);
        lax.WriteUInt64(1);
        lax.WriteNull();
        lax.WriteUInt64(1);
        lax.WriteNull();
        lax.WriteEndMap();
        Assert.Equal("a201f601f6", Convert.ToHexStringLower(lax.Encode()));
    }

    [Fact]
    public void Sorting_WorksWithABufferWriterDestination()
    {
        var destination = new ArrayBufferWriter<byte>();
        var writer = CborSequence.CreateWriter(destination, CborConformanceMode.Deterministic);

        WriteFunAmt(writer);
        WriteFunAmt(writer);

        Assert.Equal("a263416d74216346756ef5a263416d74216346756ef5", Convert.ToHexStringLower(destination.WrittenSpan));
    }

    [Fact]
    public void ManyEntries_SortCorrectly()
    {
        var keys = Enumerable.Range(0, 500).Select(i => (long)((i * 7919L) % 1000) - 500).ToArray();
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        writer.WriteStartMap(keys.Length);
        foreach (var key in keys)
        {
            writer.WriteInt64(key);
            writer.WriteTextString(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndMap();
        var encoded = writer.Encode();

        // The deterministic reader checks the order independently; every value still follows its key.
        var reader = new CborReader(encoded, CborConformanceMode.Deterministic);
        Assert.Equal(keys.Length, reader.ReadStartMap());
        var seen = new HashSet<long>();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadInt64();
            Assert.Equal(key.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.ReadTextString());
            Assert.True(seen.Add(key));
        }

        reader.ReadEndMap();
        Assert.Equal(keys.Length, seen.Count);
    }

    [Theory]
    [InlineData("a202010101")] // {2: 1, 1: 1}: out of order
    [InlineData("a201010101")] // duplicate key
    [InlineData("a2616201616101")] // {"b": 1, "a": 1}
    [InlineData("a262616101616202")] // {"aa": 1, "b": 2}: "b" (0x6162) sorts before "aa" (0x626161)
    [InlineData("a1a2020101010101")] // unsorted map used as a key
    [InlineData("81a2020101010101")] // unsorted map inside an array
    public void Reader_RejectsUnsortedOrDuplicateKeys(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.Throws<CborContentException>(() => new CborReader(bytes, CborConformanceMode.Deterministic).SkipValue());
        Assert.Throws<CborContentException>(() => CborDiagnostic.Format(bytes, CborConformanceMode.Deterministic));

        // Lax mode reads it, as long as it is well-formed.
        new CborReader(bytes).SkipValue();
    }

    [Theory]
    [InlineData("1817")] // 23 with a one-byte argument
    [InlineData("1900ff")]
    [InlineData("1a0000ffff")]
    [InlineData("1b00000000ffffffff")]
    [InlineData("3817")]
    [InlineData("5800")] // empty byte string, long length
    [InlineData("780161")]
    [InlineData("9800")]
    [InlineData("b800")]
    [InlineData("d80000")] // tag 0, long form
    [InlineData("fa3fc00000")] // 1.5 fits half
    [InlineData("fb3ff8000000000000")]
    [InlineData("fb47efffffe0000000")] // float.MaxValue fits single
    [InlineData("f97e01")] // NaN with payload
    [InlineData("f9fe00")] // negative NaN
    [InlineData("fa7fc00000")]
    [InlineData("9fff")]
    [InlineData("5fff")]
    [InlineData("7fff")]
    [InlineData("bfff")]
    public void Reader_RejectsNonDeterministicEncodings(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.Throws<CborContentException>(() => new CborReader(bytes, CborConformanceMode.Deterministic).SkipValue());
        new CborReader(bytes).SkipValue();
    }

    [Theory]
    [InlineData("1818")]
    [InlineData("190100")]
    [InlineData("1a00010000")]
    [InlineData("1b0000000100000000")]
    [InlineData("f97e00")]
    [InlineData("fa477fe100")]
    [InlineData("fb3ff199999999999a")]
    [InlineData("a30561616161408001")] // {5: "a", "a": h'', []: 1}: 0x05 < 0x6161 < 0x80
    public void Reader_AcceptsDeterministicEncodings(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        new CborReader(bytes, CborConformanceMode.Deterministic).SkipValue();
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(CborTranscoder.ToDeterministic(bytes)));
    }

    private static void WriteFunAmt(CborWriter writer)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("Fun");
        writer.WriteBoolean(true);
        writer.WriteTextString("Amt");
        writer.WriteInt64(-2);
        writer.WriteEndMap();
    }
}
