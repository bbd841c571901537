using System.Globalization;
using System.Numerics;
using Coap.Cbor;

namespace Coap.Tests.Cbor;

/// <summary>Every example of RFC 8949 Appendix A, decoded from the exact bytes and encoded back.</summary>
public class CborAppendixATests
{
    [Fact]
    public void Table_HasEveryRfc8949Row()
    {
        // RFC 7049 listed 82 examples; RFC 8949 removed simple(24).
        Assert.Equal(81, CborAppendixA.All.Count);
        Assert.Equal(81, CborAppendixA.All.Select(e => e.Hex).Distinct().Count());
        Assert.DoesNotContain(CborAppendixA.All, e => e.Hex == CborAppendixA.NotWellFormedSimple24);
        Assert.Equal(11, CborAppendixA.All.Count(e => !e.IsPreferred && e.Hex[0] is '5' or '7' or '9' or 'b' or '8'));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.Hexes), MemberType = typeof(CborAppendixA))]
    public void Decode_PrintsTheRfcDiagnostic(string hex)
    {
        var example = CborAppendixA.Get(hex);

        Assert.Equal(example.Decoded ?? example.Diagnostic, CborDiagnostic.Format(example.Bytes));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.Hexes), MemberType = typeof(CborAppendixA))]
    public void Decode_ConsumesExactlyTheItem(string hex)
    {
        var bytes = CborAppendixA.Get(hex).Bytes;
        var reader = new CborReader(bytes);

        var encoded = reader.ReadEncodedValue();

        Assert.Equal(bytes.Length, encoded.Length);
        Assert.Equal(bytes.Length, reader.BytesConsumed);
        Assert.Equal(0, reader.BytesRemaining);
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.Hexes), MemberType = typeof(CborAppendixA))]
    public void Decode_FloatRows_EqualTheDiagnosticValue(string hex)
    {
        var example = CborAppendixA.Get(hex);
        if (example.Bytes[0] is not (0xf9 or 0xfa or 0xfb))
        {
            return;
        }

        var expected = double.Parse(example.Diagnostic, CultureInfo.InvariantCulture);
        var reader = new CborReader(example.Bytes);
        var actual = reader.ReadDouble();

        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual));
        }
        else
        {
            // Bitwise, so that -0.0 differs from 0.0.
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.PreferredHexes), MemberType = typeof(CborAppendixA))]
    public void Encode_PreferredRows_MatchTheRfcBytes(string hex)
    {
        var example = CborAppendixA.Get(hex);
        var writer = new CborWriter();

        example.Write(writer);

        Assert.Equal(hex, Convert.ToHexStringLower(writer.Encode()));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.PreferredHexes), MemberType = typeof(CborAppendixA))]
    public void Encode_PreferredRows_AreAlsoDeterministic(string hex)
    {
        var example = CborAppendixA.Get(hex);
        var writer = new CborWriter(CborConformanceMode.Deterministic);

        example.Write(writer);

        Assert.Equal(hex, Convert.ToHexStringLower(writer.Encode()));
        Assert.Equal(example.Decoded ?? example.Diagnostic, CborDiagnostic.Format(example.Bytes, CborConformanceMode.Deterministic));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.NonPreferredHexes), MemberType = typeof(CborAppendixA))]
    public void Encode_NonPreferredRows_ExactCallsReproduceTheRfcBytes_AndThePreferredFormIsNoLonger(string hex)
    {
        var example = CborAppendixA.Get(hex);

        var exact = new CborWriter();
        example.WriteExact!(exact);
        var preferred = new CborWriter();
        example.Write(preferred);

        Assert.Equal(hex, Convert.ToHexStringLower(exact.Encode()));
        Assert.Equal(example.PreferredHex, Convert.ToHexStringLower(preferred.Encode()));
        Assert.True(preferred.BytesWritten <= exact.BytesWritten);
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.NonPreferredHexes), MemberType = typeof(CborAppendixA))]
    public void Decode_NonPreferredRows_MeanTheSameAsThePreferredForm(string hex)
    {
        var example = CborAppendixA.Get(hex);

        Assert.Equal(
            Convert.ToHexStringLower(CborTranscoder.ToDeterministic(Convert.FromHexString(example.PreferredHex!))),
            Convert.ToHexStringLower(CborTranscoder.ToDeterministic(example.Bytes)));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.NonPreferredHexes), MemberType = typeof(CborAppendixA))]
    public void DeterministicReader_RejectsNonPreferredRows(string hex)
    {
        var bytes = CborAppendixA.Get(hex).Bytes;

        Assert.Throws<CborContentException>(() => CborDiagnostic.Format(bytes, CborConformanceMode.Deterministic));
        Assert.Throws<CborContentException>(() =>
        {
            var reader = new CborReader(bytes, CborConformanceMode.Deterministic);
            reader.SkipValue();
        });
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.PreferredHexes), MemberType = typeof(CborAppendixA))]
    public void ToDeterministic_LeavesPreferredRowsUnchanged(string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(CborTranscoder.ToDeterministic(Convert.FromHexString(hex))));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.Hexes), MemberType = typeof(CborAppendixA))]
    public void Transcode_KeepingShape_ReproducesTheRfcBytes(string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(CborTranscoder.Reencode(Convert.FromHexString(hex))));
    }

    [Theory]
    [MemberData(nameof(CborAppendixA.Hexes), MemberType = typeof(CborAppendixA))]
    public void EveryProperPrefix_IsRejectedWithCborContentException(string hex)
    {
        var bytes = CborAppendixA.Get(hex).Bytes;
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];

            Assert.Throws<CborContentException>(() =>
            {
                var reader = new CborReader(prefix);
                reader.SkipValue();
            });
            Assert.Throws<CborContentException>(() => CborDiagnostic.Format(prefix));
            Assert.Throws<CborContentException>(() => CborTranscoder.Reencode(prefix));
            if (length > 0)
            {
                // CBOR is prefix-free, so a partial item is never a complete sequence either.
                Assert.Throws<CborContentException>(() => CborSequence.Count(prefix));
            }
        }
    }

    [Theory]
    [InlineData(CborConformanceMode.Lax)]
    [InlineData(CborConformanceMode.Deterministic)]
    public void Simple24FromRfc7049_IsNotWellFormed(CborConformanceMode mode)
    {
        var bytes = Convert.FromHexString(CborAppendixA.NotWellFormedSimple24);

        Assert.Throws<CborContentException>(() => new CborReader(bytes, mode).PeekState());
        Assert.Throws<CborContentException>(() => new CborReader(bytes, mode).ReadSimpleValue());
        Assert.Throws<CborContentException>(() => new CborReader(bytes, mode).SkipValue());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CborWriter().WriteSimpleValue(24));
    }

    [Fact]
    public void Bignums_ReadAsTagAndBytes()
    {
        var positive = new CborReader(Convert.FromHexString("c249010000000000000000"));
        Assert.Equal(CborReaderState.Tag, positive.PeekState());
        Assert.Equal(2UL, positive.PeekTag());
        Assert.Equal(2UL, positive.ReadTag());
        Assert.Equal(BigInteger.Pow(2, 64), new BigInteger(positive.ReadByteString(), isUnsigned: true, isBigEndian: true));
        Assert.Equal(CborReaderState.Finished, positive.PeekState());

        var negative = new CborReader(Convert.FromHexString("c349010000000000000000"));
        Assert.Equal(3UL, negative.ReadTag());
        var n = new BigInteger(negative.ReadByteString(), isUnsigned: true, isBigEndian: true);
        Assert.Equal(BigInteger.Parse("-18446744073709551617", CultureInfo.InvariantCulture), -1 - n);
    }

    [Fact]
    public void Integers_ReadWithTypedCalls()
    {
        Assert.Equal(ulong.MaxValue, new CborReader(Convert.FromHexString("1bffffffffffffffff")).ReadUInt64());
        Assert.Equal(1000000000000L, new CborReader(Convert.FromHexString("1b000000e8d4a51000")).ReadInt64());
        Assert.Equal(-1000, new CborReader(Convert.FromHexString("3903e7")).ReadInt32());
        Assert.Equal(1000000u, new CborReader(Convert.FromHexString("1a000f4240")).ReadUInt32());

        var minimum = Convert.FromHexString("3bffffffffffffffff");
        Assert.Equal(-(Int128)ulong.MaxValue - 1, new CborReader(minimum).ReadInt128());
        Assert.Equal(ulong.MaxValue, new CborReader(minimum).ReadCborNegativeIntegerRepresentation());
        Assert.Throws<CborContentException>(() => new CborReader(minimum).ReadInt64());
        Assert.Throws<CborContentException>(() => new CborReader(minimum).ReadUInt64());
        Assert.Throws<CborContentException>(() => new CborReader(Convert.FromHexString("1bffffffffffffffff")).ReadInt64());
    }

    [Fact]
    public void Strings_ReadWithTypedCalls()
    {
        Assert.Equal("\ud800\udd51", new CborReader(Convert.FromHexString("64f0908591")).ReadTextString());
        Assert.Equal("\u00fc"u8.ToArray(), new CborReader(Convert.FromHexString("62c3bc")).ReadTextStringUtf8().ToArray());
        Assert.Equal("streaming", new CborReader(Convert.FromHexString("7f657374726561646d696e67ff")).ReadTextString());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, new CborReader(Convert.FromHexString("5f42010243030405ff")).ReadByteString().ToArray());
        Assert.Empty(new CborReader(Convert.FromHexString("40")).ReadByteString().ToArray());
    }

    [Fact]
    public void Simple_ReadWithTypedCalls()
    {
        Assert.False(new CborReader([0xf4]).ReadBoolean());
        Assert.True(new CborReader([0xf5]).ReadBoolean());
        Assert.Equal(22, new CborReader([0xf6]).ReadSimpleValue());
        Assert.Equal(16, new CborReader([0xf0]).ReadSimpleValue());
        Assert.Equal(255, new CborReader([0xf8, 0xff]).ReadSimpleValue());
        Assert.Equal(CborReaderState.Undefined, new CborReader([0xf7]).PeekState());
        Assert.Equal((Half)1.5, new CborReader([0xf9, 0x3e, 0x00]).ReadHalf());
        Assert.Equal(100000f, new CborReader([0xfa, 0x47, 0xc3, 0x50, 0x00]).ReadSingle());
        Assert.Equal(65504f, new CborReader([0xf9, 0x7b, 0xff]).ReadSingle());
    }
}
