using System.Buffers;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

public class CborWriterTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(65535UL, "19ffff")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(4294967295UL, "1affffffff")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    [InlineData(ulong.MaxValue, "1bffffffffffffffff")]
    public void WriteUInt64_UsesTheShortestHead(ulong value, string hex)
    {
        Assert.Equal(hex, Encode(w => w.WriteUInt64(value)));
        Assert.Equal(hex.Length / 2, CborWriter.GetUInt64EncodedLength(value));
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-24L, "37")]
    [InlineData(-25L, "3818")]
    [InlineData(-256L, "38ff")]
    [InlineData(-257L, "390100")]
    [InlineData(-65537L, "3a00010000")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    [InlineData(long.MaxValue, "1b7fffffffffffffff")]
    public void WriteInt64_UsesMajorType1ForNegatives(long value, string hex)
    {
        Assert.Equal(hex, Encode(w => w.WriteInt64(value)));
        Assert.Equal(hex, Encode(w => w.WriteInt128(value)));
    }

    [Fact]
    public void WriteInt32_AndWriteUInt32_CoverTheirRanges()
    {
        Assert.Equal("3a7fffffff", Encode(w => w.WriteInt32(int.MinValue)));
        Assert.Equal("1a7fffffff", Encode(w => w.WriteInt32(int.MaxValue)));
        Assert.Equal("1affffffff", Encode(w => w.WriteUInt32(uint.MaxValue)));
    }

    [Fact]
    public void NegativeIntegers_ReachMinus2To64()
    {
        Assert.Equal("3bffffffffffffffff", Encode(w => w.WriteCborNegativeIntegerRepresentation(ulong.MaxValue)));
        Assert.Equal("20", Encode(w => w.WriteCborNegativeIntegerRepresentation(0)));
        Assert.Equal("3bffffffffffffffff", Encode(w => w.WriteInt128(-(Int128)ulong.MaxValue - 1)));
        Assert.Equal("1bffffffffffffffff", Encode(w => w.WriteInt128(ulong.MaxValue)));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteInt128((Int128)ulong.MaxValue + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteInt128(-(Int128)ulong.MaxValue - 2));
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "f90000")]
    [InlineData(0x8000000000000000UL, "f98000")] // -0.0 keeps its sign
    [InlineData(0x40effc0000000000UL, "f97bff")] // 65504, the largest half
    [InlineData(0x40effc2000000000UL, "fa477fe100")] // 65505: exact in single only
    [InlineData(0x3e70000000000000UL, "f90001")] // 2^-24, the smallest half subnormal
    [InlineData(0x3e80000000000000UL, "f90002")] // 2^-23
    [InlineData(0x3e88000000000000UL, "f90003")] // 3 * 2^-24
    [InlineData(0x3e60000000000000UL, "fa33000000")] // 2^-25: below half's range, exact in single
    [InlineData(0x3f10040000000000UL, "f90401")] // 2^-14 * (1 + 2^-10)
    [InlineData(0x3ff0040000000000UL, "f93c01")] // 1 + 2^-10: 10 fraction bits fit half
    [InlineData(0x3ff0020000000000UL, "fa3f801000")] // 1 + 2^-11: needs single
    [InlineData(0x3ff0000020000000UL, "fa3f800001")] // 1 + 2^-23
    [InlineData(0x3ff0000010000000UL, "fb3ff0000010000000")] // 1 + 2^-24: needs double
    [InlineData(0x36a0000000000000UL, "fa00000001")] // 2^-149, the smallest single subnormal
    [InlineData(0x0000000000000001UL, "fb0000000000000001")] // double.Epsilon
    [InlineData(0x47efffffe0000000UL, "fa7f7fffff")] // float.MaxValue
    [InlineData(0x47effffff0000000UL, "fb47effffff0000000")] // just above float.MaxValue
    [InlineData(0x7ff0000000000000UL, "f97c00")]
    [InlineData(0xfff0000000000000UL, "f9fc00")]
    [InlineData(0x7ff8000000000000UL, "f97e00")] // quiet NaN
    [InlineData(0xfff8000000000000UL, "f9fe00")] // .NET's double.NaN has the sign bit set; lax mode keeps it
    [InlineData(0x7ff4000000000000UL, "f97d00")] // signalling NaN, payload fits half
    [InlineData(0x7ff8000020000000UL, "fa7fc00001")] // payload needs single
    [InlineData(0x7ff8000000000001UL, "fb7ff8000000000001")] // payload needs double
    public void WriteFloatingPoint_PicksTheShortestExactWidth(ulong bits, string hex)
    {
        Assert.Equal(hex, Encode(w => w.WriteFloatingPoint(BitConverter.UInt64BitsToDouble(bits))));
    }

    [Fact]
    public void WriteFloatingPoint_RoundTripsEveryHalfValue()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (Half.IsNaN(half))
            {
                continue;
            }

            var encoded = new CborWriter();
            encoded.WriteFloatingPoint((double)half);
            var bytes = encoded.Encode();

            Assert.Equal(3, bytes.Length);
            Assert.Equal(bits, (bytes[1] << 8) | bytes[2]);
        }
    }

    [Fact]
    public void ExplicitWidths_AreKeptInLaxMode()
    {
        Assert.Equal("f93e00", Encode(w => w.WriteHalf((Half)1.5)));
        Assert.Equal("fa3fc00000", Encode(w => w.WriteSingle(1.5f)));
        Assert.Equal("fb3ff8000000000000", Encode(w => w.WriteDouble(1.5)));
        Assert.Equal("f9fe00", Encode(w => w.WriteHalf(Half.NaN)));
    }

    [Fact]
    public void ExplicitWidths_AreShortenedInDeterministicMode()
    {
        Assert.Equal("f93e00", Encode(w => w.WriteSingle(1.5f), CborConformanceMode.Deterministic));
        Assert.Equal("f93e00", Encode(w => w.WriteDouble(1.5), CborConformanceMode.Deterministic));
        Assert.Equal("fa47c35000", Encode(w => w.WriteDouble(100000), CborConformanceMode.Deterministic));
        Assert.Equal("fb3ff199999999999a", Encode(w => w.WriteDouble(1.1), CborConformanceMode.Deterministic));
        Assert.Equal("f97e00", Encode(w => w.WriteDouble(double.NaN), CborConformanceMode.Deterministic));
        Assert.Equal("f97e00", Encode(w => w.WriteSingle(float.NaN), CborConformanceMode.Deterministic));
        Assert.Equal("f97e00", Encode(w => w.WriteHalf(Half.NaN), CborConformanceMode.Deterministic));
        Assert.Equal("f97e00", Encode(w => w.WriteFloatingPoint(BitConverter.UInt64BitsToDouble(0x7ff8000000000001)), CborConformanceMode.Deterministic));
    }

    [Fact]
    public void SimpleValues_UseOneOrTwoBytes()
    {
        Assert.Equal("e0", Encode(w => w.WriteSimpleValue(0)));
        Assert.Equal("f3", Encode(w => w.WriteSimpleValue(19)));
        Assert.Equal("f4", Encode(w => w.WriteSimpleValue(20)));
        Assert.Equal("f7", Encode(w => w.WriteSimpleValue(23)));
        Assert.Equal("f820", Encode(w => w.WriteSimpleValue(32)));
        for (byte reserved = 24; reserved < 32; reserved++)
        {
            var value = reserved;
            Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteSimpleValue(value));
        }
    }

    [Fact]
    public void Strings_UseShortestLengthHeads()
    {
        Assert.Equal("57" + new string('0', 46), Encode(w => w.WriteByteString(new byte[23])));
        Assert.Equal("5818" + new string('0', 48), Encode(w => w.WriteByteString(new byte[24])));
        Assert.Equal("790100" + string.Concat(Enumerable.Repeat("61", 256)), Encode(w => w.WriteTextString(new string('a', 256))));
        Assert.Equal("6449455446", Encode(w => w.WriteTextString("IETF"u8)));
    }

    [Fact]
    public void LargeValues_GrowTheBuffer()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var writer = new CborWriter(initialCapacity: 0);

        writer.WriteByteString(payload);

        var reader = new CborReader(writer.Encode());
        Assert.Equal(payload, reader.ReadByteString().ToArray());
        Assert.Equal(100_000 + 5, writer.BytesWritten);
    }

    [Fact]
    public void InvalidText_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteTextString("a\ud800b"));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteTextString("\udc00"));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteTextString([0xc3]));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteTextString([0xed, 0xa0, 0x80]));

        // Nothing was written by the failed calls.
        var writer = new CborWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteTextString("\ud800"));
        Assert.Equal(0, writer.BytesWritten);
        writer.WriteTextString("ok");
        Assert.Equal("626f6b", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void DefiniteArray_RejectsTooManyAndTooFewItems()
    {
        var tooMany = new CborWriter();
        tooMany.WriteStartArray(1);
        tooMany.WriteUInt64(1);
        Assert.Throws<InvalidOperationException>(() => tooMany.WriteUInt64(2));
        Assert.Throws<InvalidOperationException>(() => tooMany.WriteStartArray(0));

        var tooFew = new CborWriter();
        tooFew.WriteStartArray(2);
        tooFew.WriteUInt64(1);
        Assert.Throws<InvalidOperationException>(tooFew.WriteEndArray);
    }

    [Fact]
    public void DefiniteMap_RejectsCountMismatchesAndKeysWithoutValues()
    {
        var tooMany = new CborWriter();
        tooMany.WriteStartMap(1);
        tooMany.WriteUInt64(1);
        tooMany.WriteUInt64(2);
        Assert.Throws<InvalidOperationException>(() => tooMany.WriteUInt64(3));

        var keyOnly = new CborWriter();
        keyOnly.WriteStartMap(1);
        keyOnly.WriteUInt64(1);
        Assert.Throws<InvalidOperationException>(keyOnly.WriteEndMap);

        var indefiniteKeyOnly = new CborWriter();
        indefiniteKeyOnly.WriteStartMap(null);
        indefiniteKeyOnly.WriteUInt64(1);
        Assert.Throws<InvalidOperationException>(indefiniteKeyOnly.WriteEndMap);
    }

    [Fact]
    public void EndCalls_MustMatchTheOpenContainer()
    {
        Assert.Throws<InvalidOperationException>(() => new CborWriter().WriteEndArray());
        Assert.Throws<InvalidOperationException>(() => new CborWriter().WriteEndMap());
        Assert.Throws<InvalidOperationException>(() => new CborWriter().WriteEndIndefiniteLengthByteString());

        var array = new CborWriter();
        array.WriteStartArray(null);
        Assert.Throws<InvalidOperationException>(array.WriteEndMap);
        Assert.Throws<InvalidOperationException>(array.WriteEndIndefiniteLengthTextString);

        var map = new CborWriter();
        map.WriteStartMap(null);
        Assert.Throws<InvalidOperationException>(map.WriteEndArray);
    }

    [Fact]
    public void Tag_MustBeFollowedByAnItem()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(null);
        writer.WriteTag(1);
        Assert.Throws<InvalidOperationException>(writer.WriteEndArray);
        Assert.Throws<InvalidOperationException>(() => writer.Encode());
        writer.WriteTag(2);
        writer.WriteUInt64(0);
        writer.WriteEndArray();

        Assert.Equal("9fc1c200ff", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void Tag_CountsWithItsItemAsOneArrayItem()
    {
        Assert.Equal("82c100c2c301", Encode(w =>
        {
            w.WriteStartArray(2);
            w.WriteTag(1);
            w.WriteUInt64(0);
            w.WriteTag(2);
            w.WriteTag(3);
            w.WriteUInt64(1);
            w.WriteEndArray();
        }));
    }

    [Fact]
    public void Encode_RequiresACompleteValue()
    {
        Assert.Throws<InvalidOperationException>(() => new CborWriter().Encode());

        var open = new CborWriter();
        open.WriteStartArray(1);
        Assert.False(open.IsWriteCompleted);
        Assert.Throws<InvalidOperationException>(() => open.Encode());
        open.WriteNull();
        Assert.False(open.IsWriteCompleted);
        open.WriteEndArray();
        Assert.True(open.IsWriteCompleted);
        Assert.Equal("81f6", Convert.ToHexStringLower(open.Encode()));
    }

    [Fact]
    public void SecondRootValue_NeedsAllowMultipleRootValues()
    {
        var single = new CborWriter();
        single.WriteUInt64(1);
        Assert.Throws<InvalidOperationException>(() => single.WriteUInt64(2));
        Assert.Throws<InvalidOperationException>(() => single.WriteTag(0));

        var multiple = new CborWriter(allowMultipleRootValues: true);
        Assert.True(multiple.IsWriteCompleted);
        Assert.Empty(multiple.Encode());
        multiple.WriteUInt64(1);
        multiple.WriteStartArray(0);
        multiple.WriteEndArray();
        Assert.Equal("0180", Convert.ToHexStringLower(multiple.Encode()));
    }

    [Fact]
    public void IndefiniteStrings_AcceptOnlyChunksOfTheirOwnType()
    {
        var bytes = new CborWriter();
        bytes.WriteStartIndefiniteLengthByteString();
        Assert.Throws<InvalidOperationException>(() => bytes.WriteTextString("a"));
        Assert.Throws<InvalidOperationException>(() => bytes.WriteUInt64(1));
        Assert.Throws<InvalidOperationException>(() => bytes.WriteTag(1));
        Assert.Throws<InvalidOperationException>(bytes.WriteStartIndefiniteLengthByteString);
        Assert.Throws<InvalidOperationException>(() => bytes.WriteStartArray(0));
        Assert.Throws<InvalidOperationException>(bytes.WriteEndIndefiniteLengthTextString);
        bytes.WriteByteString([1]);
        bytes.WriteEndIndefiniteLengthByteString();
        Assert.Equal("5f4101ff", Convert.ToHexStringLower(bytes.Encode()));

        var text = new CborWriter();
        text.WriteStartIndefiniteLengthTextString();
        Assert.Throws<InvalidOperationException>(() => text.WriteByteString([1]));
        text.WriteEndIndefiniteLengthTextString();
        Assert.Equal("7fff", Convert.ToHexStringLower(text.Encode()));
    }

    [Fact]
    public void DeterministicMode_RejectsIndefiniteLengths()
    {
        var writer = new CborWriter(CborConformanceMode.Deterministic);
        Assert.Throws<InvalidOperationException>(() => writer.WriteStartArray(null));
        Assert.Throws<InvalidOperationException>(() => writer.WriteStartMap(null));
        Assert.Throws<InvalidOperationException>(writer.WriteStartIndefiniteLengthByteString);
        Assert.Throws<InvalidOperationException>(writer.WriteStartIndefiniteLengthTextString);
        Assert.Equal(0, writer.BytesWritten);
    }

    [Fact]
    public void Arguments_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteStartArray(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteStartMap(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteStartMap((int.MaxValue / 2) + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter((CborConformanceMode)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter(initialCapacity: -1));
        Assert.Throws<ArgumentNullException>(() => new CborWriter((IBufferWriter<byte>)null!));
    }

    [Fact]
    public void WriteEncodedValue_CopiesOneValidatedItem()
    {
        Assert.Equal("8201a16161f6", Encode(w =>
        {
            w.WriteStartArray(2);
            w.WriteEncodedValue([0x01]);
            w.WriteEncodedValue(Convert.FromHexString("a16161f6"));
            w.WriteEndArray();
        }));

        Assert.Throws<ArgumentException>(() => new CborWriter().WriteEncodedValue([]));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteEncodedValue([0x18]));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteEncodedValue([0x01, 0x02]));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteEncodedValue([0xff]));
        Assert.Throws<ArgumentException>(() => new CborWriter().WriteEncodedValue([0x61, 0xff]));

        // Deterministic mode accepts only deterministic encodings.
        new CborWriter(CborConformanceMode.Deterministic).WriteEncodedValue([0x18, 0x18]);
        Assert.Throws<ArgumentException>(() => new CborWriter(CborConformanceMode.Deterministic).WriteEncodedValue([0x18, 0x17]));
        Assert.Throws<ArgumentException>(() => new CborWriter(CborConformanceMode.Deterministic).WriteEncodedValue([0x9f, 0xff]));
    }

    [Fact]
    public void BufferWriter_ReceivesEachRootValueWhenComplete()
    {
        var destination = new ArrayBufferWriter<byte>();
        var writer = new CborWriter(destination, allowMultipleRootValues: true);

        writer.WriteStartArray(2);
        writer.WriteUInt64(1);
        Assert.Equal(0, destination.WrittenCount);
        Assert.Equal(2, writer.BytesWritten);
        writer.WriteTextString("a");
        writer.WriteEndArray();
        Assert.Equal("82016161", Convert.ToHexStringLower(destination.WrittenSpan));

        writer.WriteTag(1);
        Assert.Equal(4, destination.WrittenCount);
        writer.WriteUInt64(1000);
        Assert.Equal("82016161c11903e8", Convert.ToHexStringLower(destination.WrittenSpan));
        Assert.Equal(8, writer.BytesWritten);
        Assert.Throws<InvalidOperationException>(() => writer.Encode());
    }

    [Fact]
    public void BufferWriter_GetsTheSameBytesAsTheGrowableBuffer()
    {
        foreach (var example in CborAppendixA.All)
        {
            var destination = new ArrayBufferWriter<byte>(1);
            var writer = new CborWriter(destination);
            (example.WriteExact ?? example.Write)(writer);

            Assert.Equal(example.Hex, Convert.ToHexStringLower(destination.WrittenSpan));
        }
    }

    [Fact]
    public void Reset_StartsOver()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(3);
        writer.WriteUInt64(1);
        Assert.Equal(1, writer.CurrentDepth);

        writer.Reset();

        Assert.Equal(0, writer.BytesWritten);
        Assert.Equal(0, writer.CurrentDepth);
        writer.WriteUInt64(2);
        Assert.Equal("02", Convert.ToHexStringLower(writer.Encode()));
    }

    [Fact]
    public void EncodeIntoSpan_ChecksTheSize()
    {
        var writer = new CborWriter();
        writer.WriteUInt64(1000);

        var exact = new byte[3];
        Assert.Equal(3, writer.Encode(exact));
        Assert.Equal("1903e8", Convert.ToHexStringLower(exact));
        Assert.Throws<ArgumentException>(() => writer.Encode(new byte[2]));
        Assert.False(writer.TryEncode(new byte[2], out var none));
        Assert.Equal(0, none);
        Assert.True(writer.TryEncode(new byte[10], out var written));
        Assert.Equal(3, written);
    }

    [Fact]
    public void CurrentDepth_FollowsNesting()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(1);
        writer.WriteStartMap(1);
        writer.WriteStartIndefiniteLengthTextString();
        Assert.Equal(3, writer.CurrentDepth);
        writer.WriteEndIndefiniteLengthTextString();
        writer.WriteNull();
        writer.WriteEndMap();
        writer.WriteEndArray();
        Assert.Equal(0, writer.CurrentDepth);
        Assert.Equal("81a17ffff6", Convert.ToHexStringLower(writer.Encode()));
    }

    private static string Encode(Action<CborWriter> write, CborConformanceMode mode = CborConformanceMode.Lax)
    {
        var writer = new CborWriter(mode);
        write(writer);
        return Convert.ToHexStringLower(writer.Encode());
    }
}
