using Coap.Cbor;

namespace Coap.Tests.Cbor;

public class CborReaderTests
{
    public static TheoryData<string> ReservedInitialBytes =>
        [.. Enumerable.Range(0, 8).SelectMany(major => new[] { 28, 29, 30 }.Select(ai => ((major << 5) | ai).ToString("x2")))];

    [Theory]
    [MemberData(nameof(ReservedInitialBytes))]
    public void ReservedAdditionalInformation_IsRejected(string hex)
    {
        AssertMalformed(hex + "00000000000000000000");
    }

    [Theory]
    [InlineData("1f")] // indefinite unsigned integer
    [InlineData("3f")] // indefinite negative integer
    [InlineData("df00")] // indefinite tag
    [InlineData("ff")] // break at top level
    [InlineData("81ff")] // break in a definite array
    [InlineData("a1ff")] // break in a definite map
    [InlineData("9fc0ff")] // break right after a tag
    [InlineData("c0ff")]
    [InlineData("bf01ff")] // break after a key without its value
    [InlineData("bf010203ff")]
    [InlineData("5f01ff")] // integer chunk in a byte string
    [InlineData("5f6161ff")] // text chunk in a byte string
    [InlineData("7f4161ff")] // byte chunk in a text string
    [InlineData("5f5fffff")] // nested indefinite chunk
    [InlineData("7f7fffff")]
    [InlineData("5f5cff")] // reserved chunk head
    public void MisplacedBreaksAndIndefiniteLengths_AreRejected(string hex)
    {
        AssertMalformed(hex);
    }

    [Theory]
    [InlineData("61ff")] // never valid in UTF-8
    [InlineData("61c3")] // lead byte without continuation
    [InlineData("62c328")] // bad continuation
    [InlineData("62c0af")] // overlong '/'
    [InlineData("63e08080")] // overlong NUL
    [InlineData("63eda080")] // UTF-16 surrogate D800
    [InlineData("64f4908080")] // above U+10FFFF
    [InlineData("6180")] // lone continuation
    [InlineData("7f61c361bcff")] // "ü" split across chunks: each chunk must be valid on its own
    [InlineData("8261616180")] // inside an array
    [InlineData("a161ff00")] // as a map key
    public void InvalidUtf8_IsRejected(string hex)
    {
        AssertMalformed(hex);
    }

    [Theory]
    [InlineData("5affffffff")] // 4 GiB byte string
    [InlineData("5bffffffffffffffff00")] // 2^64 - 1 bytes
    [InlineData("7a0000000561")] // 5 bytes declared, 1 present
    [InlineData("9bffffffffffffffff")] // array of 2^64 - 1 items
    [InlineData("9a7fffffff00")] // array of 2^31 - 1 items
    [InlineData("bbffffffffffffffff")]
    [InlineData("a30102")] // map of 3 pairs in 2 bytes
    [InlineData("8301")] // missing items
    [InlineData("830102")]
    [InlineData("5f4201")] // chunk longer than the input
    [InlineData("fb000000")] // truncated float
    [InlineData("f8")] // truncated simple value
    [InlineData("c0")] // tag without its item
    [InlineData("d9")] // truncated tag
    public void LengthsBeyondTheInput_AreRejected(string hex)
    {
        AssertMalformed(hex);
    }

    [Theory]
    [InlineData("f800")]
    [InlineData("f817")]
    [InlineData("f818")]
    [InlineData("f81f")]
    public void TwoByteSimpleValuesBelow32_AreRejected(string hex)
    {
        AssertMalformed(hex);
    }

    [Fact]
    public void TwoByteSimpleValues_From32_AreAccepted()
    {
        Assert.Equal("simple(32)", CborDiagnostic.Format([0xf8, 0x20]));
    }

    [Fact]
    public void EmptyInput_IsNotADataItem()
    {
        AssertMalformed(string.Empty);
        var sequence = CborSequence.CreateReader([]);
        Assert.Equal(CborReaderState.Finished, sequence.PeekState());
    }

    [Fact]
    public void TrailingData_IsRejectedUnlessMultipleRootValuesAreAllowed()
    {
        var reader = new CborReader([0x01, 0x02]);
        Assert.Equal(1UL, reader.ReadUInt64());
        Assert.Equal(1, reader.BytesRemaining);
        var threw = false;
        try
        {
            reader.PeekState();
        }
        catch (CborContentException)
        {
            threw = true;
        }

        Assert.True(threw);

        var multiple = new CborReader([0x01, 0x02], allowMultipleRootValues: true);
        Assert.Equal(1UL, multiple.ReadUInt64());
        Assert.Equal(2UL, multiple.ReadUInt64());
        Assert.Equal(CborReaderState.Finished, multiple.PeekState());
    }

    [Fact]
    public void Nesting_IsLimitedTo64ByDefault()
    {
        var sixtyFour = Convert.FromHexString(string.Concat(Enumerable.Repeat("81", 63)) + "80");
        var sixtyFive = Convert.FromHexString(string.Concat(Enumerable.Repeat("81", 64)) + "80");

        new CborReader(sixtyFour).SkipValue();
        Assert.Equal(CborReader.DefaultMaxDepth, new CborReader(sixtyFour).MaxDepth);
        Assert.Throws<CborContentException>(() => new CborReader(sixtyFive).SkipValue());
        new CborReader(sixtyFive, maxDepth: 65).SkipValue();
    }

    [Fact]
    public void Nesting_LimitIsConfigurable()
    {
        new CborReader(Convert.FromHexString("8180")).SkipValue();
        new CborReader(Convert.FromHexString("a1018180"), maxDepth: 3).SkipValue();
        Assert.Throws<CborContentException>(() => new CborReader(Convert.FromHexString("a10181818180"), maxDepth: 3).SkipValue());
        Assert.Throws<CborContentException>(() => new CborReader(Convert.FromHexString("80"), maxDepth: 0).SkipValue());
        new CborReader(Convert.FromHexString("01"), maxDepth: 0).SkipValue();
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader([], maxDepth: -1));
    }

    [Fact]
    public void IndefiniteStrings_CountAsNestingWhenOpened()
    {
        var reader = new CborReader(Convert.FromHexString("815fff"), maxDepth: 1);
        reader.ReadStartArray();
        Assert.Throws<CborContentException>(() =>
        {
            var copy = new CborReader(Convert.FromHexString("815fff"), maxDepth: 1);
            copy.ReadStartArray();
            copy.ReadStartIndefiniteLengthByteString();
        });

        // Read whole, an indefinite-length string opens nothing.
        Assert.Empty(reader.ReadByteString().ToArray());
        reader.ReadEndArray();
    }

    [Fact]
    public void HugeNesting_FailsCleanly_WithoutStackOverflow()
    {
        var arrays = Convert.FromHexString(string.Concat(Enumerable.Repeat("81", 100_000)) + "00");
        var maps = Convert.FromHexString(string.Concat(Enumerable.Repeat("a1", 100_000)) + "0000");

        Assert.Throws<CborContentException>(() => new CborReader(arrays).SkipValue());
        Assert.Throws<CborContentException>(() => new CborReader(maps).SkipValue());
        Assert.Throws<CborContentException>(() => new CborReader(maps, CborConformanceMode.Deterministic).SkipValue());

        // Without a limit the same input is valid: reading is iterative, and deep frames move off the stack.
        var unlimited = new CborReader(arrays, maxDepth: int.MaxValue);
        Assert.Equal(arrays.Length, unlimited.ReadEncodedValue().Length);
    }

    [Fact]
    public void LongTagChains_AreNotNesting()
    {
        var tags = Convert.FromHexString(string.Concat(Enumerable.Repeat("c0", 100_000)) + "00");
        var reader = new CborReader(tags);

        Assert.Equal(tags.Length, reader.ReadEncodedValue().Length);
    }

    [Fact]
    public void WrongTypes_AreContentErrors()
    {
        Assert.Throws<CborContentException>(() => new CborReader([0x60]).ReadUInt64());
        Assert.Throws<CborContentException>(() => new CborReader([0x20]).ReadUInt64());
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).ReadCborNegativeIntegerRepresentation());
        Assert.Throws<CborContentException>(() => new CborReader([0x40]).ReadTextString());
        Assert.Throws<CborContentException>(() => new CborReader([0x60]).ReadByteString());
        Assert.Throws<CborContentException>(() => new CborReader([0xa0]).ReadStartArray());
        Assert.Throws<CborContentException>(() => new CborReader([0x80]).ReadStartMap());
        Assert.Throws<CborContentException>(() => new CborReader([0xf6]).ReadBoolean());
        Assert.Throws<CborContentException>(() => new CborReader([0xf4]).ReadNull());
        Assert.Throws<CborContentException>(() => new CborReader([0xf6]).ReadUndefined());
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).ReadTag());
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).PeekTag());
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).ReadDouble());
        Assert.Throws<CborContentException>(() => new CborReader([0xf9, 0, 0]).ReadSimpleValue());
        Assert.Throws<CborContentException>(() => new CborReader([0xfa, 0, 0, 0, 0]).ReadHalf());
        Assert.Throws<CborContentException>(() => new CborReader([0xfb, 0, 0, 0, 0, 0, 0, 0, 0]).ReadSingle());
        Assert.Throws<CborContentException>(() => new CborReader([0x40]).ReadStartIndefiniteLengthByteString());
        Assert.Throws<CborContentException>(() => new CborReader([0x1a, 0x80, 0, 0, 0]).ReadInt32());
        Assert.Throws<CborContentException>(() => new CborReader([0x3a, 0x80, 0, 0, 0]).ReadInt32());
        Assert.Equal(int.MinValue, new CborReader([0x3a, 0x7f, 0xff, 0xff, 0xff]).ReadInt32());
        Assert.Throws<CborContentException>(() => new CborReader([0x1b, 0, 0, 0, 1, 0, 0, 0, 0]).ReadUInt32());
        Assert.Throws<CborContentException>(() => new CborReader([0x20]).ReadUInt32());
    }

    [Fact]
    public void ContainerEnds_MustMatch()
    {
        Assert.Throws<CborContentException>(() =>
        {
            var reader = new CborReader([0x81, 0x01]);
            reader.ReadStartArray();
            reader.ReadEndArray();
        });
        Assert.Throws<CborContentException>(() =>
        {
            var reader = new CborReader([0x80]);
            reader.ReadStartArray();
            reader.ReadEndMap();
        });
        Assert.Throws<CborContentException>(() =>
        {
            var reader = new CborReader([0x80]);
            reader.ReadStartArray();
            reader.SkipValue();
        });
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).SkipToParent());
        Assert.Throws<CborContentException>(() => new CborReader([0x01]).ReadEndArray());
    }

    [Fact]
    public void PeekState_DoesNotConsume()
    {
        var reader = new CborReader(Convert.FromHexString("8201f5"));
        Assert.Equal(CborReaderState.StartArray, reader.PeekState());
        Assert.Equal(CborReaderState.StartArray, reader.PeekState());
        Assert.Equal(2, reader.ReadStartArray());
        Assert.Equal(1, reader.CurrentDepth);
        Assert.Equal(CborReaderState.UnsignedInteger, reader.PeekState());
        Assert.Equal(1UL, reader.ReadUInt64());
        Assert.Equal(CborReaderState.Boolean, reader.PeekState());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(CborReaderState.EndArray, reader.PeekState());
        reader.ReadEndArray();
        Assert.Equal(0, reader.CurrentDepth);
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        Assert.Equal(3, reader.BytesConsumed);
    }

    [Fact]
    public void IndefiniteByteString_CanBeReadChunkByChunk()
    {
        var input = Convert.FromHexString("5f42010243030405ff");
        var reader = new CborReader(input);

        Assert.Equal(CborReaderState.StartIndefiniteLengthByteString, reader.PeekState());
        reader.ReadStartIndefiniteLengthByteString();
        Assert.Equal(CborReaderState.ByteString, reader.PeekState());
        var first = reader.ReadByteString();
        Assert.Equal(new byte[] { 1, 2 }, first.ToArray());
        Assert.True(first.Overlaps(input));
        Assert.Equal(new byte[] { 3, 4, 5 }, reader.ReadByteString().ToArray());
        Assert.Equal(CborReaderState.EndIndefiniteLengthByteString, reader.PeekState());
        reader.ReadEndIndefiniteLengthByteString();
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
    }

    [Fact]
    public void IndefiniteTextString_CanBeReadChunkByChunk()
    {
        var reader = new CborReader(Convert.FromHexString("7f657374726561646d696e67ff"));

        reader.ReadStartIndefiniteLengthTextString();
        Assert.Equal("strea", reader.ReadTextString());
        Assert.Equal("ming"u8.ToArray(), reader.ReadTextStringUtf8().ToArray());
        Assert.Equal(CborReaderState.EndIndefiniteLengthTextString, reader.PeekState());
        Assert.Throws<CborContentException>(() =>
        {
            var copy = new CborReader(Convert.FromHexString("7f6161ff"));
            copy.ReadStartIndefiniteLengthTextString();
            copy.ReadEndIndefiniteLengthTextString();
        });
        reader.ReadEndIndefiniteLengthTextString();
    }

    [Fact]
    public void DefiniteStrings_AreSlicesOfTheInput()
    {
        var input = Convert.FromHexString("824401020304626869");
        var reader = new CborReader(input);
        reader.ReadStartArray();

        Assert.True(reader.ReadByteString().Overlaps(input));
        Assert.True(reader.ReadTextStringUtf8().Overlaps(input));
    }

    [Fact]
    public void ReadEncodedValue_ReturnsWholeItemsIncludingTags()
    {
        var reader = new CborReader(Convert.FromHexString("83c1a1616101f6820102"));
        reader.ReadStartArray();

        Assert.Equal("c1a1616101", Convert.ToHexStringLower(reader.ReadEncodedValue()));
        Assert.Equal(6, reader.BytesConsumed);
        Assert.Equal("f6", Convert.ToHexStringLower(reader.ReadEncodedValue()));
        Assert.Equal("820102", Convert.ToHexStringLower(reader.ReadEncodedValue()));
        reader.ReadEndArray();
    }

    [Fact]
    public void ReadEncodedValue_AfterATag_ReturnsTheTaggedItem()
    {
        var reader = new CborReader(Convert.FromHexString("c1c2820102"));
        Assert.Equal(1UL, reader.ReadTag());
        Assert.Equal("c2820102", Convert.ToHexStringLower(reader.ReadEncodedValue()));
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
    }

    [Fact]
    public void SkipToParent_SkipsTheRestOfTheContainer()
    {
        var reader = new CborReader(Convert.FromHexString("8283010203bf6161f6ff"));
        reader.ReadStartArray();
        reader.ReadStartArray();
        Assert.Equal(1UL, reader.ReadUInt64());
        reader.SkipToParent();
        reader.ReadStartMap();
        reader.SkipToParent();
        reader.ReadEndArray();
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
    }

    [Fact]
    public void Copies_AreIndependentReaders_EvenWhenDeeplyNested()
    {
        // Twenty nested arrays [1, [1, [...], 2], 2]: deeper than the inline frame storage.
        var writer = new CborWriter();
        for (var i = 0; i < 20; i++)
        {
            writer.WriteStartArray(i % 2 == 0 ? 3 : null);
            writer.WriteUInt64(1);
        }

        writer.WriteNull();
        for (var i = 19; i >= 0; i--)
        {
            writer.WriteUInt64(2);
            writer.WriteEndArray();
        }

        var input = writer.Encode();
        var original = new CborReader(input);
        for (var i = 0; i < 15; i++)
        {
            original.ReadStartArray();
            original.ReadUInt64();
        }

        // Let the copy run to the end, through the shared outer frames, then read the original the same way.
        var copy = original;
        var copyTail = ReadRest(ref copy);
        Assert.Equal(CborReaderState.Finished, copy.PeekState());
        Assert.Equal(15, original.CurrentDepth);
        var originalTail = ReadRest(ref original);

        Assert.Equal(copyTail, originalTail);
        Assert.Equal(CborReaderState.Finished, original.PeekState());

        static string ReadRest(ref CborReader reader)
        {
            var log = new System.Text.StringBuilder();
            while (reader.PeekState() is var state && state != CborReaderState.Finished)
            {
                log.Append(state).Append(' ');
                switch (state)
                {
                    case CborReaderState.StartArray:
                        reader.ReadStartArray();
                        break;
                    case CborReaderState.EndArray:
                        reader.ReadEndArray();
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }

            return log.ToString();
        }
    }

    [Fact]
    public void ReadingShallowInput_AllocatesNothing()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(null);
        for (var i = 0; i < 100; i++)
        {
            writer.WriteStartMap(2);
            writer.WriteUInt64((ulong)i);
            writer.WriteTextString("value");
            writer.WriteTextString("key");
            writer.WriteTag(1);
            writer.WriteStartArray(3);
            writer.WriteInt64(-i);
            writer.WriteByteString([1, 2, 3]);
            writer.WriteFloatingPoint(i + 0.5);
            writer.WriteEndArray();
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        var input = writer.Encode();

        Consume(input);

        // The least of three rounds: runtime work that lands on this thread now and then (tiering, the test host)
        // is not the reader's.
        var allocated = long.MaxValue;
        var total = 0L;
        for (var round = 0; round < 3 && allocated > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                total += Consume(input);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.True(total > 0);

        static long Consume(ReadOnlySpan<byte> input)
        {
            var reader = new CborReader(input, CborConformanceMode.Lax);
            var sum = 0L;
            reader.ReadStartArray();
            while (reader.PeekState() != CborReaderState.EndArray)
            {
                reader.ReadStartMap();
                sum += (long)reader.ReadUInt64();
                sum += reader.ReadTextStringUtf8().Length;
                sum += reader.ReadTextStringUtf8().Length;
                reader.ReadTag();
                reader.ReadStartArray();
                sum += reader.ReadInt64();
                sum += reader.ReadByteString().Length;
                sum += (long)reader.ReadDouble();
                reader.ReadEndArray();
                reader.ReadEndMap();
            }

            reader.ReadEndArray();
            reader = new CborReader(input);
            reader.SkipValue();
            return sum + reader.BytesConsumed;
        }
    }

    [Fact]
    public void Constructor_RejectsUnknownModes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborReader([], (CborConformanceMode)2));
    }

    private static void AssertMalformed(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        foreach (var mode in new[] { CborConformanceMode.Lax, CborConformanceMode.Deterministic })
        {
            Assert.Throws<CborContentException>(() =>
            {
                var reader = new CborReader(bytes, mode);
                reader.SkipValue();
                reader.PeekState();
            });
            Assert.Throws<CborContentException>(() => CborDiagnostic.Format(bytes, mode));
        }

        Assert.Throws<CborContentException>(() => CborTranscoder.Reencode(bytes));
    }
}
