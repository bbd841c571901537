using System.Text;
using Coap.Codec;

namespace Coap.Tests.Codec;

/// <summary>Hand-checked messages in the style of RFC 7252 Appendix A (Figures 16 and 17).</summary>
public class CoapRfcExampleTests
{
    // 0x40: Ver 1, CON, TKL 0. 0x01: GET. 0x7d34: MID. 0xbb: delta 11 (Uri-Path), length 11. "temperature".
    private const string _getTemperature = "40 01 7d 34 bb 74 65 6d 70 65 72 61 74 75 72 65";

    // 0x60: Ver 1, ACK, TKL 0. 0x45: 2.05 Content. 0x7d34: same MID. 0xff: marker. "22.3 C".
    private const string _piggybackedContent = "60 45 7d 34 ff 32 32 2e 33 20 43";

    // Figure 17 style: the same exchange with token 0x71 and MID 0xbc90.
    private const string _getTemperatureWithToken = "41 01 bc 90 71 bb 74 65 6d 70 65 72 61 74 75 72 65";
    private const string _piggybackedContentWithToken = "61 45 bc 90 71 ff 32 32 2e 33 20 43";

    [Fact]
    public void Writer_ConGetTemperature_MatchesHandCheckedBytes()
    {
        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0x7d34, default);
        writer.WriteOption(CoapOptionNumber.UriPath, "temperature".AsSpan());
        writer.WritePayload(default);

        Wire.Equal(_getTemperature, writer.Written);
    }

    [Fact]
    public void Writer_PiggybackedContentAck_MatchesHandCheckedBytes()
    {
        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x7d34, default);
        writer.WritePayload("22.3 C"u8);

        Wire.Equal(_piggybackedContent, writer.Written);
    }

    [Fact]
    public void CoapMessage_ConGetTemperature_EncodesToHandCheckedBytes()
    {
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 0x7d34 };
        request.Options.Add(CoapOptionNumber.UriPath, "temperature");

        Wire.Equal(_getTemperature, request.ToArray());
    }

    [Fact]
    public void CoapMessage_PiggybackedContentAck_EncodesToHandCheckedBytes()
    {
        var response = new CoapMessage
        {
            Type = CoapMessageType.Acknowledgement,
            Code = CoapCode.Content,
            MessageId = 0x7d34,
            Payload = Encoding.UTF8.GetBytes("22.3 C"),
        };

        Wire.Equal(_piggybackedContent, response.ToArray());
    }

    [Fact]
    public void Parse_ConGetTemperature_YieldsGetUriPathTemperature()
    {
        var request = CoapMessage.Parse(Wire.Bytes(_getTemperature));

        Assert.Equal(CoapMessageType.Confirmable, request.Type);
        Assert.Equal(CoapCode.Get, request.Code);
        Assert.Equal(0x7d34, request.MessageId);
        Assert.True(request.Token.IsEmpty);
        var option = Assert.Single(request.Options);
        Assert.Equal(CoapOptionNumber.UriPath, option.Number);
        Assert.Equal("temperature", option.GetString());
        Assert.True(request.Payload.IsEmpty);
    }

    [Fact]
    public void Parse_PiggybackedContentAck_YieldsContentWithPayload()
    {
        var response = CoapMessage.Parse(Wire.Bytes(_piggybackedContent));

        Assert.Equal(CoapMessageType.Acknowledgement, response.Type);
        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal("2.05", response.Code.ToString());
        Assert.Equal(0x7d34, response.MessageId);
        Assert.Empty(response.Options);
        Assert.Equal("22.3 C", Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Fact]
    public void CoapMessage_ExchangeWithToken_EncodesAndParsesBack()
    {
        var request = new CoapMessage { Code = CoapCode.Get, MessageId = 0xbc90, Token = new byte[] { 0x71 } };
        request.Options.Add(CoapOptionNumber.UriPath, "temperature");
        var response = new CoapMessage
        {
            Type = CoapMessageType.Acknowledgement,
            Code = CoapCode.Content,
            MessageId = 0xbc90,
            Token = new byte[] { 0x71 },
            Payload = "22.3 C"u8.ToArray(),
        };

        Wire.Equal(_getTemperatureWithToken, request.ToArray());
        Wire.Equal(_piggybackedContentWithToken, response.ToArray());
        Wire.Equal("71", CoapMessage.Parse(Wire.Bytes(_piggybackedContentWithToken)).Token.Span);
    }
}
