using System.Buffers;
using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Messages;

/// <summary>The owned message: encoding paths, parsing, and the option collection it carries.</summary>
public class CoapMessageTests
{
    private static CoapMessage Sample()
    {
        var message = new CoapMessage
        {
            Type = CoapMessageType.NonConfirmable,
            Code = CoapCode.Post,
            MessageId = 0xabcd,
            Token = Hex.Parse("01 02 03"),
            Payload = Hex.Parse("ff 00 ff"),
        };
        message.Options.Add(CoapOptionNumber.UriPath, "a");
        message.Options.Add(CoapOptionNumber.ContentFormat, 60u);
        message.Options.Add(CoapOptionNumber.UriHost, "h");
        message.Options.Add(CoapOptionNumber.UriPath, "b");
        return message;
    }

    private const string _sampleHex = "53 02 ab cd 01 02 03 31 68 81 61 01 62 11 3c ff ff 00 ff";

    [Fact]
    public void New_Defaults_AreConfirmableEmptyWithNothing()
    {
        var message = new CoapMessage();

        Assert.Equal(CoapMessageType.Confirmable, message.Type);
        Assert.Equal(CoapCode.Empty, message.Code);
        Assert.Equal(0, message.MessageId);
        Assert.True(message.Token.IsEmpty);
        Assert.Empty(message.Options);
        Assert.True(message.Payload.IsEmpty);
        Assert.Equal(4, message.GetEncodedSize());
        Assert.Equal(Hex.Parse("40 00 00 00"), message.ToArray());
    }

    [Fact]
    public void ToArray_Sample_SortsOptionsAndProducesExpectedBytes()
    {
        Assert.Equal(Hex.Format(Hex.Parse(_sampleHex)), Hex.Format(Sample().ToArray()));
    }

    [Fact]
    public void Encode_IntoSpan_ReturnsBytesWrittenAndMatchesToArray()
    {
        var message = Sample();
        var buffer = new byte[100];

        var written = message.Encode(buffer);

        Assert.Equal(message.GetEncodedSize(), written);
        Assert.Equal(Hex.Format(Hex.Parse(_sampleHex)), Hex.Format(buffer.AsSpan(0, written)));
    }

    [Fact]
    public void Encode_IntoBufferWriter_AdvancesByTheEncodedSize()
    {
        var message = Sample();
        var output = new ArrayBufferWriter<byte>(1);

        message.Encode(output);
        message.Encode(output);

        var once = Hex.Format(Hex.Parse(_sampleHex));
        Assert.Equal(once + once, Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Encode_NullBufferWriter_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Sample().Encode((IBufferWriter<byte>)null!));
    }

    [Fact]
    public void Encode_SpanOneByteTooSmall_ThrowsCoapEncodingException()
    {
        var message = Sample();
        var buffer = new byte[message.GetEncodedSize() - 1];

        Assert.Throws<CoapEncodingException>(() => message.Encode(buffer));
    }

    [Fact]
    public void ToArray_TokenLongerThanEight_ThrowsCoapEncodingException()
    {
        var message = new CoapMessage { Code = CoapCode.Get, Token = new byte[9] };

        Assert.Throws<CoapEncodingException>(() => message.ToArray());
    }

    [Fact]
    public void ToArray_OptionValueLongerThan65804_ThrowsCoapEncodingException()
    {
        // 65804 (= 65535 + 269) is the longest value RFC 7252 §3.1 can express. Encoding a longer one
        // must fail; otherwise the length field wraps and the datagram no longer says what was meant.
        var message = new CoapMessage { Code = CoapCode.Post };
        message.Options.Add(CoapOptionNumber.IfMatch, new byte[65805]);

        Assert.Throws<CoapEncodingException>(() => message.ToArray());
    }

    [Fact]
    public void GetEncodedSize_ExtendedOptionsAndPayload_MatchesTheEncoding()
    {
        var message = new CoapMessage { Code = CoapCode.Put, Payload = new byte[300] };
        message.Options.Add(13, new byte[13]);
        message.Options.Add(282, new byte[269]);
        message.Options.Add(65535, ReadOnlyMemory<byte>.Empty);

        // 4 + (1+1+1+13) + (1+2+2+269) + (1+2) + (1+300)
        Assert.Equal(4 + 16 + 274 + 3 + 301, message.GetEncodedSize());
        Assert.Equal(message.GetEncodedSize(), message.ToArray().Length);
    }

    [Fact]
    public void Parse_Sample_CopiesEveryField()
    {
        var parsed = CoapMessage.Parse(Hex.Parse(_sampleHex));

        Assert.Equal(CoapMessageType.NonConfirmable, parsed.Type);
        Assert.Equal(CoapCode.Post, parsed.Code);
        Assert.Equal(0xabcd, parsed.MessageId);
        Assert.Equal("010203", Hex.Format(parsed.Token.Span));
        Assert.Equal("FF00FF", Hex.Format(parsed.Payload.Span));
        Assert.Equal(new[] { 3, 11, 11, 12 }, parsed.Options.Select(o => o.Number));
        Assert.Equal("h", parsed.Options.GetString(CoapOptionNumber.UriHost));
        Assert.Equal(new[] { "a", "b" }, parsed.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
        Assert.Equal(60u, parsed.Options.GetUInt(CoapOptionNumber.ContentFormat));
    }

    [Fact]
    public void Parse_CopiesOutOfTheDatagram()
    {
        var datagram = Hex.Parse(_sampleHex);
        var parsed = CoapMessage.Parse(datagram);

        Array.Fill(datagram, (byte)0x00);

        Assert.Equal("010203", Hex.Format(parsed.Token.Span));
        Assert.Equal("FF00FF", Hex.Format(parsed.Payload.Span));
        Assert.Equal("a", parsed.Options.GetString(CoapOptionNumber.UriPath));
    }

    [Theory]
    [InlineData("40 01", CoapFormatError.TooShort)]
    [InlineData("80 01 00 00", CoapFormatError.UnknownVersion)]
    [InlineData("49 01 00 00", CoapFormatError.InvalidTokenLength)]
    [InlineData("42 01 00 00 01", CoapFormatError.TruncatedToken)]
    [InlineData("40 01 00 00 f0", CoapFormatError.ReservedOptionNibble)]
    [InlineData("40 01 00 00 d0", CoapFormatError.TruncatedOption)]
    [InlineData("40 01 00 00 e0 ff ff", CoapFormatError.OptionNumberOverflow)]
    [InlineData("40 01 00 00 ff", CoapFormatError.EmptyPayloadAfterMarker)]
    [InlineData("40 00 00 00 ff 01", CoapFormatError.NonEmptyEmptyMessage)]
    public void TryParse_Malformed_ReturnsTheErrorAndNull(string hex, CoapFormatError expected)
    {
        Assert.Equal(expected, CoapMessage.TryParse(Hex.Parse(hex), out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheError()
    {
        var exception = Assert.Throws<FormatException>(() => CoapMessage.Parse(Hex.Parse("40 01 00 00 ff")));

        Assert.Contains(nameof(CoapFormatError.EmptyPayloadAfterMarker), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Valid_ReturnsNoneAndTheMessage()
    {
        Assert.Equal(CoapFormatError.None, CoapMessage.TryParse(Hex.Parse(_sampleHex), out var message));
        Assert.NotNull(message);
        Assert.Equal(0xabcd, message.MessageId);
    }

    [Fact]
    public void FromView_ThenToArray_ReproducesTheDatagram()
    {
        var datagram = Hex.Parse(_sampleHex);
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var view));

        var message = CoapMessage.FromView(view);

        Assert.Equal(Hex.Format(datagram), Hex.Format(message.ToArray()));
    }

    [Fact]
    public void ToString_Summarises()
    {
        Assert.Equal("NonConfirmable POST MID=43981 Token=010203 Options=4 Payload=3B", Sample().ToString());
    }

    [Fact]
    public void Options_Add_KeepsAscendingOrderAndInsertionOrderWithinANumber()
    {
        var message = new CoapMessage();
        message.Options.Add(CoapOptionNumber.UriQuery, "q1");
        message.Options.Add(CoapOptionNumber.UriPath, "p1");
        message.Options.Add(CoapOptionNumber.UriHost, "h");
        message.Options.Add(CoapOptionNumber.UriQuery, "q2");
        message.Options.Add(CoapOptionNumber.UriPath, "p2");

        Assert.Equal(new[] { "h", "p1", "p2", "q1", "q2" }, message.Options.Select(o => o.GetString()));
    }

    [Fact]
    public void Options_Set_ReplacesEveryOccurrence()
    {
        var message = Sample();

        message.Options.Set(CoapOption.FromString(CoapOptionNumber.UriPath, "c"));

        Assert.Equal(new[] { "c" }, message.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
        Assert.Equal(new[] { 3, 11, 12 }, message.Options.Select(o => o.Number));
    }

    [Fact]
    public void Options_RemoveAndContains_WorkOnEveryOccurrence()
    {
        var message = Sample();

        Assert.True(message.Options.Contains(CoapOptionNumber.UriPath));
        Assert.Equal(2, message.Options.Remove(CoapOptionNumber.UriPath));
        Assert.False(message.Options.Contains(CoapOptionNumber.UriPath));
        Assert.Equal(0, message.Options.Remove(CoapOptionNumber.UriPath));
        Assert.Null(message.Options.GetString(CoapOptionNumber.UriPath));
        Assert.Null(message.Options.GetUInt(CoapOptionNumber.Accept));
    }

    [Fact]
    public void Options_Clear_RemovesAll()
    {
        var message = Sample();

        message.Options.Clear();

        Assert.Empty(message.Options);
        Assert.Equal(4 + 3 + 4, message.GetEncodedSize());
    }

    [Fact]
    public void CoapOption_NumberOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapOption(65536, ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapOption(-1, ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void CoapOption_Equality_ComparesValueBytes()
    {
        var a = new CoapOption(11, new byte[] { 1, 2 });
        var b = new CoapOption(11, new byte[] { 1, 2 });
        var c = new CoapOption(11, new byte[] { 1, 3 });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, new CoapOption(12, new byte[] { 1, 2 }));
    }

    [Fact]
    public void Encode_RepeatedRoundTrip_IsStable()
    {
        var bytes = Sample().ToArray();

        for (var i = 0; i < 3; i++)
        {
            bytes = CoapMessage.Parse(bytes).ToArray();
        }

        Assert.Equal(Hex.Format(Hex.Parse(_sampleHex)), Hex.Format(bytes));
    }
}
