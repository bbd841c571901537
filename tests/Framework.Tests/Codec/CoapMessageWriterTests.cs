using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Codec;

/// <summary>The span writer: exact wire bytes at every encoding boundary, and refusal of anything it cannot encode.</summary>
public class CoapMessageWriterTests
{
    private const string _header = "40 01 00 00";

    [Theory]
    [InlineData(0, "00")]
    [InlineData(1, "10")]
    [InlineData(12, "c0")]
    [InlineData(13, "d0 00")]
    [InlineData(14, "d0 01")]
    [InlineData(268, "d0 ff")]
    [InlineData(269, "e0 00 00")]
    [InlineData(270, "e0 00 01")]
    [InlineData(65534, "e0 fe f1")]
    [InlineData(65535, "e0 fe f2")]
    public void WriteOption_DeltaBoundary_ProducesExpectedBytes(int number, string expectedOptionHex)
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(number, ReadOnlySpan<byte>.Empty);

        Wire.Equal(_header + expectedOptionHex, writer.Written);
    }

    [Theory]
    [InlineData(0, "10")]
    [InlineData(1, "11")]
    [InlineData(12, "1c")]
    [InlineData(13, "1d 00")]
    [InlineData(14, "1d 01")]
    [InlineData(268, "1d ff")]
    [InlineData(269, "1e 00 00")]
    [InlineData(270, "1e 00 01")]
    [InlineData(1034, "1e 02 fd")]
    [InlineData(65535, "1e fe f2")]
    [InlineData(65804, "1e ff ff")]
    public void WriteOption_LengthBoundary_ProducesExpectedBytes(int length, string expectedOptionHeaderHex)
    {
        var value = Wire.Pattern(length, 7);
        var buffer = new byte[4 + 3 + length];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(CoapOptionNumber.IfMatch, value);

        Assert.Equal(Hex.Format(Hex.Parse(_header + expectedOptionHeaderHex)) + Hex.Format(value), Hex.Format(writer.Written));
    }

    [Theory]
    [InlineData(13, 13, "dd 00 00")]
    [InlineData(268, 269, "de ff 00 00")]
    [InlineData(269, 268, "ed 00 00 ff")]
    [InlineData(65535, 269, "ee fe f2 00 00")]
    public void WriteOption_ExtendedDeltaAndLength_WritesDeltaBytesBeforeLengthBytes(int number, int length, string expectedOptionHeaderHex)
    {
        var value = Wire.Pattern(length);
        var buffer = new byte[4 + 5 + length];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(number, value);

        Assert.Equal(Hex.Format(Hex.Parse(_header + expectedOptionHeaderHex)) + Hex.Format(value), Hex.Format(writer.Written));
        Assert.Equal(4 + Hex.Parse(expectedOptionHeaderHex).Length + length, writer.BytesWritten);
    }

    [Fact]
    public void WriteOption_Sequence_EncodesDeltasFromThePreviousNumber()
    {
        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(3, "a".AsSpan());
        writer.WriteOption(16, ReadOnlySpan<byte>.Empty);
        writer.WriteOption(285, Wire.Bytes("62 63"));
        writer.WriteOption(285, "d".AsSpan());

        Wire.Equal(_header + "31 61 d0 00 e2 00 00 62 63 01 64", writer.Written);
    }

    [Fact]
    public void WriteOption_SameNumberTwice_WritesDeltaZero()
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(CoapOptionNumber.UriPath, "a".AsSpan());
        writer.WriteOption(CoapOptionNumber.UriPath, "b".AsSpan());
        writer.WriteOption(CoapOptionNumber.UriPath, "".AsSpan());

        Wire.Equal(_header + "b1 61 01 62 00", writer.Written);
    }

    [Theory]
    [InlineData(0u, "c0")]
    [InlineData(1u, "c1 01")]
    [InlineData(255u, "c1 ff")]
    [InlineData(256u, "c2 01 00")]
    [InlineData(65535u, "c2 ff ff")]
    [InlineData(65536u, "c3 01 00 00")]
    [InlineData(0x00FF_FFFFu, "c3 ff ff ff")]
    [InlineData(0x0100_0000u, "c4 01 00 00 00")]
    [InlineData(uint.MaxValue, "c4 ff ff ff ff")]
    public void WriteOption_UInt_UsesShortestEncoding(uint value, string expectedOptionHex)
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(CoapOptionNumber.ContentFormat, value);

        Wire.Equal(_header + expectedOptionHex, writer.Written);
    }

    [Fact]
    public void WriteOption_String_WritesUtf8WithByteLength()
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteOption(CoapOptionNumber.UriPath, "été".AsSpan());

        Wire.Equal(_header + "b5 c3 a9 74 c3 a9", writer.Written);
    }

    [Fact]
    public void WritePayload_NonEmpty_WritesMarkerThenPayload()
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x7d34, default);

        writer.WritePayload(Wire.Bytes("ff 00"));

        Wire.Equal("60 45 7d 34 ff ff 00", writer.Written);
        Assert.Equal(7, writer.BytesWritten);
    }

    [Fact]
    public void WritePayload_Empty_WritesNoMarker()
    {
        var buffer = new byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x7d34, default);

        writer.WritePayload(default);

        Wire.Equal("60 45 7d 34", writer.Written);
    }

    [Fact]
    public void WriteRawOptions_FromAReceivedMessage_ReproducesTheBytes()
    {
        var received = Wire.Bytes(_header + "31 68 81 61 01 62 e2 00 00 ab cd");
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(received, out var view));
        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);

        writer.WriteRawOptions(view.RawOptions);

        Wire.Equal(received, writer.Written);
    }

    [Fact]
    public void WriteRawOptions_AfterAnEarlierOption_RecomputesDeltas()
    {
        var buffer = new byte[32];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
        writer.WriteOption(CoapOptionNumber.IfMatch, Wire.Bytes("aa"));

        writer.WriteRawOptions(Wire.Bytes("b1 61 01 62"));

        Wire.Equal(_header + "11 aa a1 61 01 62", writer.Written);
    }

    [Fact]
    public void WriteRawOptions_NumberedBelowTheLastWrittenOption_Throws()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteOption(CoapOptionNumber.ContentFormat, 0u);
            writer.WriteRawOptions(Wire.Bytes("b1 61"));
        });
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(12, 12, 13)]
    [InlineData(13, 0, 2)]
    [InlineData(0, 13, 15)]
    [InlineData(268, 268, 271)]
    [InlineData(269, 0, 3)]
    [InlineData(0, 269, 272)]
    [InlineData(269, 269, 274)]
    [InlineData(65535, 65535, 65540)]
    public void GetOptionSize_MatchesRfc7252Section3Point1(int delta, int length, int expected)
    {
        Assert.Equal(expected, CoapMessageWriter.GetOptionSize(delta, length));
        Assert.Equal(expected, Wire.ModelOptionSize(delta, length));
    }

    [Fact]
    public void Writer_ExactlySizedBuffer_Succeeds()
    {
        var buffer = new byte[4 + 2 + 2 + 1 + 3];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Put, 1, Wire.Bytes("01 02"));
        writer.WriteOption(CoapOptionNumber.UriPath, "x".AsSpan());
        writer.WritePayload(Wire.Bytes("0a 0b 0c"));

        Wire.Equal("42 03 00 01 01 02 b1 78 ff 0a 0b 0c", writer.Written);
        Assert.Equal(buffer.Length, writer.BytesWritten);
    }

    [Fact]
    public void WriteOption_OutOfOrder_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteOption(CoapOptionNumber.UriPath, "a".AsSpan());
            writer.WriteOption(CoapOptionNumber.UriHost, "h".AsSpan());
        });
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(100000)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void WriteOption_NumberOutOfRange_ThrowsCoapEncodingException(int number)
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteOption(number, ReadOnlySpan<byte>.Empty);
        });
    }

    [Fact]
    public void WriteOption_BeforeHeader_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteOption(CoapOptionNumber.UriPath, "a".AsSpan());
        });
    }

    [Fact]
    public void WriteOption_AfterPayload_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WritePayload(Wire.Bytes("01"));
            writer.WriteOption(CoapOptionNumber.UriPath, "a".AsSpan());
        });
    }

    [Fact]
    public void WriteOption_AfterEmptyPayload_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WritePayload(default);
            writer.WriteOption(CoapOptionNumber.UriPath, "a".AsSpan());
        });
    }

    [Fact]
    public void WritePayload_Twice_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WritePayload(Wire.Bytes("01"));
            writer.WritePayload(Wire.Bytes("02"));
        });
    }

    [Fact]
    public void WriteHeader_Twice_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
        });
    }

    [Fact]
    public void WriteHeader_NineByteToken_ThrowsCoapEncodingException()
    {
        var buffer = new byte[32];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, new byte[9]);
        });
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(11, 8)]
    public void WriteHeader_BufferTooSmall_ThrowsCoapEncodingException(int bufferSize, int tokenLength)
    {
        var buffer = new byte[bufferSize];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, new byte[tokenLength]);
        });
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(13, 0)]
    [InlineData(269, 0)]
    [InlineData(1, 12)]
    [InlineData(1, 13)]
    [InlineData(1, 268)]
    [InlineData(1, 269)]
    [InlineData(269, 269)]
    [InlineData(65535, 65535)]
    public void WriteOption_BufferOneByteTooSmall_ThrowsCoapEncodingException(int number, int length)
    {
        var value = new byte[length];
        var exact = 4 + Wire.ModelOptionSize(number, length);

        var fits = new byte[exact];
        var writer = new CoapMessageWriter(fits);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
        writer.WriteOption(number, value);
        Assert.Equal(exact, writer.BytesWritten);

        var tooSmall = new byte[exact - 1];
        Assert.Throws<CoapEncodingException>(() =>
        {
            var small = new CoapMessageWriter(tooSmall);
            small.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            small.WriteOption(number, value);
        });
    }

    [Fact]
    public void WriteOption_StringTooLargeForBuffer_ThrowsCoapEncodingException()
    {
        var buffer = new byte[4 + 1 + 3];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteOption(CoapOptionNumber.UriPath, "été".AsSpan());
        });
    }

    [Fact]
    public void WriteOption_UIntTooLargeForBuffer_ThrowsCoapEncodingException()
    {
        var buffer = new byte[4 + 1 + 1];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, default);
            writer.WriteOption(CoapOptionNumber.ContentFormat, 256u);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void WritePayload_BufferOneByteTooSmall_ThrowsCoapEncodingException(int payloadLength)
    {
        var buffer = new byte[4 + 1 + payloadLength - 1];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, 0, default);
            writer.WritePayload(new byte[payloadLength]);
        });
    }

    [Fact]
    public void WriteOption_ValueLongerThan65804_ThrowsCoapEncodingException()
    {
        // RFC 7252 §3.1: a 14 length nibble plus two extended bytes reaches at most 65535 + 269 = 65804.
        // A longer value cannot be represented; writing it must fail rather than emit a wrong length.
        var buffer = new byte[70000];
        var value = new byte[65805];

        Assert.Throws<CoapEncodingException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, 0, default);
            writer.WriteOption(CoapOptionNumber.IfMatch, value);
        });
    }

    [Fact]
    public void Written_BeforeAnything_IsEmpty()
    {
        var buffer = new byte[8];
        var writer = new CoapMessageWriter(buffer);

        Assert.Equal(0, writer.BytesWritten);
        Assert.True(writer.Written.IsEmpty);
    }
}
