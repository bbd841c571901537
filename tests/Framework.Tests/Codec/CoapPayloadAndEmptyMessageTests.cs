using Coap.Codec;

namespace Coap.Tests.Codec;

/// <summary>Payload marker rules (RFC 7252 §3) and Empty messages (RFC 7252 §4.1).</summary>
public class CoapPayloadAndEmptyMessageTests
{
    [Theory]
    [InlineData("40 01 00 00 ff")]
    [InlineData("41 01 00 00 aa ff")]
    [InlineData("40 01 00 00 b1 61 ff")]
    [InlineData("48 45 00 00 01 02 03 04 05 06 07 08 c1 00 ff")]
    public void TryRead_PayloadMarkerFollowedByNothing_IsEmptyPayloadAfterMarker(string hex)
    {
        Assert.Equal(CoapFormatError.EmptyPayloadAfterMarker, Wire.Read(Wire.Bytes(hex)));
    }

    [Fact]
    public void TryRead_PayloadWithNoOptions_HasEmptyOptionsAndThePayload()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 02 00 00 ff 68 69"), out var message));

        Assert.True(message.RawOptions.IsEmpty);
        Assert.Empty(Wire.OptionsOf(message));
        Wire.Equal("68 69", message.Payload);
    }

    [Fact]
    public void TryRead_TokenAndPayloadWithNoOptions_SeparatesThem()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("52 02 00 00 ca fe ff 01"), out var message));

        Wire.Equal("ca fe", message.Token);
        Assert.True(message.RawOptions.IsEmpty);
        Wire.Equal("01", message.Payload);
    }

    [Fact]
    public void TryRead_OptionsAndNoPayload_HasEmptyPayload()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 01 00 00 b1 61 c0"), out var message));

        Assert.Equal(2, Wire.OptionsOf(message).Count);
        Assert.True(message.Payload.IsEmpty);
        Wire.Equal("b1 61 c0", message.RawOptions);
    }

    [Fact]
    public void TryRead_PayloadContainingFF_KeepsEveryByteAfterTheFirstMarker()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 01 00 00 b1 61 ff ff ff 00 ff"), out var message));

        Wire.Equal("b1 61", message.RawOptions);
        Wire.Equal("ff ff 00 ff", message.Payload);
    }

    [Fact]
    public void TryRead_PayloadThatLooksLikeMalformedOptions_IsNotParsedAsOptions()
    {
        // After the marker, reserved nibbles and truncated "options" are just payload bytes.
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 01 00 00 ff f0 0f e0 d0"), out var message));

        Wire.Equal("f0 0f e0 d0", message.Payload);
        Assert.Empty(Wire.OptionsOf(message));
    }

    [Theory]
    [InlineData("40 00 7d 34", CoapMessageType.Confirmable)]
    [InlineData("50 00 7d 34", CoapMessageType.NonConfirmable)]
    [InlineData("60 00 7d 34", CoapMessageType.Acknowledgement)]
    [InlineData("70 00 7d 34", CoapMessageType.Reset)]
    public void TryRead_FourByteEmptyMessage_IsValid(string hex, CoapMessageType type)
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes(hex), out var message));

        Assert.Equal(type, message.Type);
        Assert.True(message.Code.IsEmpty);
        Assert.Equal(0x7d34, message.MessageId);
        Assert.True(message.Token.IsEmpty);
        Assert.True(message.RawOptions.IsEmpty);
        Assert.True(message.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("41 00 7d 34 aa")]
    [InlineData("48 00 7d 34 01 02 03 04 05 06 07 08")]
    [InlineData("40 00 7d 34 b0")]
    [InlineData("40 00 7d 34 b1 61")]
    [InlineData("40 00 7d 34 ff 01")]
    [InlineData("40 00 7d 34 ff")]
    [InlineData("40 00 7d 34 00")]
    [InlineData("70 00 7d 34 f0")]
    [InlineData("60 00 7d 34 d0")]
    public void TryRead_EmptyMessageWithAnythingAfterTheHeader_IsNonEmptyEmptyMessage(string hex)
    {
        Assert.Equal(CoapFormatError.NonEmptyEmptyMessage, Wire.Read(Wire.Bytes(hex)));
    }

    [Fact]
    public void TryRead_EmptyMessageWhoseTokenLengthPointsPastTheEnd_IsTruncatedToken()
    {
        Assert.Equal(CoapFormatError.TruncatedToken, Wire.Read(Wire.Bytes("41 00 7d 34")));
    }

    [Fact]
    public void TryRead_EmptyMessageWithReservedTokenLength_IsInvalidTokenLength()
    {
        Assert.Equal(CoapFormatError.InvalidTokenLength, Wire.Read(Wire.Bytes("49 00 7d 34")));
    }

    [Fact]
    public void TryRead_NonEmptyCodeWithNothingAfterTheHeader_IsValid()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes("40 01 00 01"), out var message));

        Assert.Equal(CoapCode.Get, message.Code);
    }

    [Fact]
    public void TryRead_Failure_LeavesTheViewDefault()
    {
        Assert.Equal(CoapFormatError.EmptyPayloadAfterMarker, CoapMessageReader.TryRead(Wire.Bytes("41 45 12 34 aa b1 61 ff"), out var message));

        Assert.Equal(default, message.Header);
        Assert.True(message.Token.IsEmpty);
        Assert.True(message.RawOptions.IsEmpty);
        Assert.True(message.Payload.IsEmpty);
    }
}
