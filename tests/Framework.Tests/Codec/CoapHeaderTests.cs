using Coap.Codec;

namespace Coap.Tests.Codec;

/// <summary>
/// The fixed header of RFC 7252 §3 (Figure 7):
/// <c>|Ver| T |  TKL  |      Code     |          Message ID           |</c>, two bits of version,
/// two of type, four of token length, eight of code and sixteen of message ID in network order.
/// </summary>
public class CoapHeaderTests
{
    [Theory]
    [InlineData("40 01 12 34", CoapMessageType.Confirmable, 0, 0x01, 0x1234)]
    [InlineData("50 02 ab cd", CoapMessageType.NonConfirmable, 0, 0x02, 0xabcd)]
    [InlineData("64 45 00 01 01 02 03 04", CoapMessageType.Acknowledgement, 4, 0x45, 0x0001)]
    [InlineData("78 84 ff ff 01 02 03 04 05 06 07 08", CoapMessageType.Reset, 8, 0x84, 0xffff)]
    [InlineData("41 a0 00 00 99", CoapMessageType.Confirmable, 1, 0xa0, 0x0000)]
    public void TryRead_Header_FollowsRfc7252Figure7BitLayout(string hex, CoapMessageType type, int tokenLength, int code, int messageId)
    {
        var datagram = Wire.Bytes(hex);

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        Assert.Equal(type, message.Type);
        Assert.Equal(tokenLength, message.Header.TokenLength);
        Assert.Equal(tokenLength, message.Token.Length);
        Assert.Equal(code, message.Code.Value);
        Assert.Equal(messageId, message.MessageId);
        Wire.Equal(datagram.AsSpan(4, tokenLength), message.Token);
        Assert.Equal(message.Header.Type, message.Type);
        Assert.Equal(message.Header.Code, message.Code);
        Assert.Equal(message.Header.MessageId, message.MessageId);
    }

    [Fact]
    public void TryRead_EveryTypeAndTokenLength_DecodesTheFirstByteBitFields()
    {
        for (var type = 0; type < 4; type++)
        {
            for (var tkl = 0; tkl <= 8; tkl++)
            {
                var datagram = new byte[4 + tkl];
                datagram[0] = (byte)(0x40 | (type << 4) | tkl);
                datagram[1] = 0x45;
                datagram[2] = 0xbe;
                datagram[3] = 0xef;
                for (var i = 0; i < tkl; i++)
                {
                    datagram[4 + i] = (byte)(0xa0 + i);
                }

                Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));
                Assert.Equal((CoapMessageType)type, message.Type);
                Assert.Equal(tkl, message.Token.Length);
                Assert.Equal(0xbeef, message.MessageId);
                Wire.Equal(datagram.AsSpan(4), message.Token);
            }
        }
    }

    [Fact]
    public void WriteHeader_EveryTypeAndTokenLength_ProducesTheFigure7BitFields()
    {
        for (var type = 0; type < 4; type++)
        {
            for (var tkl = 0; tkl <= 8; tkl++)
            {
                var token = Wire.Pattern(tkl, 0xa0);
                var buffer = new byte[12];
                var writer = new CoapMessageWriter(buffer);
                writer.WriteHeader((CoapMessageType)type, new CoapCode(0x45), 0xbeef, token);

                var written = writer.Written.ToArray();
                Assert.Equal(4 + tkl, written.Length);
                Assert.Equal(1, written[0] >> 6);
                Assert.Equal(type, (written[0] >> 4) & 0x3);
                Assert.Equal(tkl, written[0] & 0xF);
                Assert.Equal(0x45, written[1]);
                Assert.Equal(0xbe, written[2]);
                Assert.Equal(0xef, written[3]);
                Wire.Equal(token, written.AsSpan(4));
            }
        }
    }

    [Fact]
    public void WriteHeader_MessageId_IsWrittenInNetworkByteOrder()
    {
        var buffer = new byte[4];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Post, 0x0102, default);

        Wire.Equal("50 02 01 02", writer.Written);
    }

    [Theory]
    [InlineData("")]
    [InlineData("40")]
    [InlineData("40 01")]
    [InlineData("40 01 00")]
    public void TryRead_FewerThanFourBytes_IsTooShort(string hex)
    {
        Assert.Equal(CoapFormatError.TooShort, Wire.Read(Wire.Bytes(hex)));
    }

    [Theory]
    [InlineData("00 01 00 00")]
    [InlineData("80 01 00 00")]
    [InlineData("c0 01 00 00")]
    [InlineData("90 45 12 34 ff 01")]
    [InlineData("e8 01 00 00 01 02 03 04 05 06 07 08")]
    public void TryRead_VersionOtherThanOne_IsUnknownVersion(string hex)
    {
        Assert.Equal(CoapFormatError.UnknownVersion, Wire.Read(Wire.Bytes(hex)));
    }

    [Fact]
    public void TryRead_VersionZeroWithReservedTokenLength_ReportsUnknownVersionFirst()
    {
        // RFC 7252 §3: unknown versions are silently ignored, so the version is judged before anything else.
        Assert.Equal(CoapFormatError.UnknownVersion, Wire.Read(Wire.Bytes("0f 01 00 00")));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void TryRead_TokenLengthNineToFifteen_IsInvalidTokenLength(int tkl)
    {
        // Enough bytes follow to hold such a token: the length itself is what is wrong.
        var datagram = new byte[4 + 15];
        datagram[0] = (byte)(0x40 | tkl);
        datagram[1] = 0x01;

        Assert.Equal(CoapFormatError.InvalidTokenLength, Wire.Read(datagram));
    }

    [Fact]
    public void TryRead_TokenLengthNine_IsInvalidTokenLength()
    {
        Assert.Equal(CoapFormatError.InvalidTokenLength, Wire.Read(Wire.Bytes("49 01 00 00 01 02 03 04 05 06 07 08 09")));
    }

    [Fact]
    public void TryRead_TokenShorterThanTkl_IsTruncatedToken()
    {
        for (var tkl = 1; tkl <= 8; tkl++)
        {
            for (var present = 0; present < tkl; present++)
            {
                var datagram = new byte[4 + present];
                datagram[0] = (byte)(0x40 | tkl);
                datagram[1] = 0x01;

                Assert.Equal(CoapFormatError.TruncatedToken, Wire.Read(datagram));
            }
        }
    }

    [Fact]
    public void TryRead_EightByteToken_IsReadExactly()
    {
        var datagram = Wire.Bytes("48 01 00 07 de ad be ef 01 02 03 04");

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        Wire.Equal("de ad be ef 01 02 03 04", message.Token);
        Assert.True(message.RawOptions.IsEmpty);
        Assert.True(message.Payload.IsEmpty);
    }

    [Fact]
    public void TryPeek_FourBytes_ReadsFieldsWithoutJudgingThem()
    {
        Assert.True(CoapHeader.TryPeek(Wire.Bytes("bf 45 12 34"), out var header, out var version));

        Assert.Equal(2, version);
        Assert.Equal(CoapMessageType.Reset, header.Type);
        Assert.Equal(15, header.TokenLength);
        Assert.Equal(CoapCode.Content, header.Code);
        Assert.Equal(0x1234, header.MessageId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("40 01 00")]
    public void TryPeek_FewerThanFourBytes_ReturnsFalse(string hex)
    {
        Assert.False(CoapHeader.TryPeek(Wire.Bytes(hex), out var header, out var version));
        Assert.Equal(default, header);
        Assert.Equal(0, version);
    }

    [Fact]
    public void CoapHeader_Constants_MatchRfc7252()
    {
        Assert.Equal(4, CoapHeader.Size);
        Assert.Equal(1, CoapHeader.Version);
        Assert.Equal(8, CoapHeader.MaxTokenLength);
        Assert.Equal(0xFF, CoapMessageReader.PayloadMarker);
    }
}
