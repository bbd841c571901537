using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Codec;

/// <summary>
/// Option delta and length encoding (RFC 7252 §3.1): nibbles 0–12 are the value, 13 adds one
/// extended byte (value − 13), 14 adds two (value − 269), 15 is reserved except in the payload
/// marker 0xFF.
/// </summary>
public class CoapOptionDecodingTests
{
    private const string _header = "40 01 00 00";

    [Fact]
    public void TryRead_DeltaNibblesZeroToTwelve_AreTheDeltaItself()
    {
        for (var delta = 0; delta <= 12; delta++)
        {
            var datagram = Wire.Concat(Wire.Bytes(_header), [(byte)(delta << 4)]);

            Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));
            var options = Wire.OptionsOf(message);
            Assert.Equal(delta, Assert.Single(options).Number);
            Assert.Empty(options[0].Value);
        }
    }

    [Fact]
    public void TryRead_LengthNibblesZeroToTwelve_AreTheLengthItself()
    {
        for (var length = 0; length <= 12; length++)
        {
            var value = Wire.Pattern(length, 1);
            var datagram = Wire.Concat(Wire.Bytes(_header), [(byte)(0x10 | length)], value);

            Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));
            var option = Assert.Single(Wire.OptionsOf(message));
            Assert.Equal(1, option.Number);
            Wire.Equal(value, option.Value);
        }
    }

    [Theory]
    [InlineData("c0", 12)]
    [InlineData("d0 00", 13)]
    [InlineData("d0 01", 14)]
    [InlineData("d0 fe", 267)]
    [InlineData("d0 ff", 268)]
    [InlineData("e0 00 00", 269)]
    [InlineData("e0 00 01", 270)]
    [InlineData("e0 01 00", 525)]
    [InlineData("e0 fe f1", 65534)]
    [InlineData("e0 fe f2", 65535)]
    public void TryRead_DeltaBoundary_DecodesExtendedDelta(string optionHex, int expectedNumber)
    {
        var datagram = Wire.Bytes(_header + optionHex);

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var option = Assert.Single(Wire.OptionsOf(message));
        Assert.Equal(expectedNumber, option.Number);
        Assert.Empty(option.Value);
    }

    [Theory]
    [InlineData("1c", 12)]
    [InlineData("1d 00", 13)]
    [InlineData("1d 01", 14)]
    [InlineData("1d ff", 268)]
    [InlineData("1e 00 00", 269)]
    [InlineData("1e 00 01", 270)]
    [InlineData("1e 02 fd", 1034)]
    [InlineData("1e fe f2", 65535)]
    [InlineData("1e ff ff", 65804)]
    public void TryRead_LengthBoundary_DecodesExtendedLength(string optionHeaderHex, int expectedLength)
    {
        var value = Wire.Pattern(expectedLength, 3);
        var datagram = Wire.Concat(Wire.Bytes(_header + optionHeaderHex), value);

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var option = Assert.Single(Wire.OptionsOf(message));
        Assert.Equal(1, option.Number);
        Assert.Equal(expectedLength, option.Value.Length);
        Assert.True(value.AsSpan().SequenceEqual(option.Value));
        Assert.True(message.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("dd 00 00", 13, 13)]
    [InlineData("de ff 00 00", 268, 269)]
    [InlineData("ed 00 00 ff", 269, 268)]
    [InlineData("ee fe f2 00 00", 65535, 269)]
    public void TryRead_ExtendedDeltaAndExtendedLength_ReadsDeltaBytesBeforeLengthBytes(string optionHeaderHex, int expectedNumber, int expectedLength)
    {
        var value = Wire.Pattern(expectedLength, 5);
        var datagram = Wire.Concat(Wire.Bytes(_header + optionHeaderHex), value, Wire.Bytes("ff 2a"));

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var option = Assert.Single(Wire.OptionsOf(message));
        Assert.Equal(expectedNumber, option.Number);
        Wire.Equal(value, option.Value);
        Wire.Equal("2a", message.Payload);
    }

    [Fact]
    public void TryRead_SuccessiveOptions_AddDeltasToThePreviousNumber()
    {
        // Uri-Host(3) "a", +13 → 16 "", +269 → 285 "bc", +0 → 285 "d".
        var datagram = Wire.Bytes(_header + "31 61 d0 00 e2 00 00 62 63 01 64");

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var options = Wire.OptionsOf(message);
        Assert.Equal(new[] { 3, 16, 285, 285 }, options.Select(o => o.Number));
        Assert.Equal(new[] { "61", "", "6263", "64" }, options.Select(o => Hex.Format(o.Value)));
    }

    [Fact]
    public void TryRead_RepeatedOptionsWithDeltaZero_KeepsEveryOccurrenceInOrder()
    {
        // Uri-Path "a", Uri-Path "b", Uri-Path "" (RFC 7252 §5.4.5: repeated options keep their order).
        var datagram = Wire.Bytes(_header + "b1 61 01 62 00");

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var options = Wire.OptionsOf(message);
        Assert.Equal(new[] { 11, 11, 11 }, options.Select(o => o.Number));
        Assert.Equal(new[] { "61", "62", "" }, options.Select(o => Hex.Format(o.Value)));
    }

    [Fact]
    public void TryRead_FirstOptionWithDeltaZero_IsOptionZero()
    {
        var datagram = Wire.Bytes(_header + "01 aa");

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        var option = Assert.Single(Wire.OptionsOf(message));
        Assert.Equal(0, option.Number);
        Wire.Equal("aa", option.Value);
    }

    [Theory]
    [InlineData("f0")]
    [InlineData("f1 00")]
    [InlineData("f5 00 00 00 00 00")]
    [InlineData("fc 00 00 00 00 00 00 00 00 00 00 00 00")]
    [InlineData("fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00")]
    [InlineData("fe 00 00")]
    public void TryRead_DeltaNibbleFifteenNotPayloadMarker_IsReservedOptionNibble(string optionsHex)
    {
        Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(Wire.Bytes(_header + optionsHex)));
    }

    [Theory]
    [InlineData("0f")]
    [InlineData("1f 00")]
    [InlineData("cf 00 00")]
    [InlineData("df 00 00")]
    [InlineData("ef 00 00 00")]
    public void TryRead_LengthNibbleFifteenNotPayloadMarker_IsReservedOptionNibble(string optionsHex)
    {
        Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(Wire.Bytes(_header + optionsHex)));
    }

    [Theory]
    [InlineData("b1 61 f0")]
    [InlineData("b1 61 0f 00")]
    [InlineData("b1 61 01 62 3f")]
    public void TryRead_ReservedNibbleAfterValidOptions_IsReservedOptionNibble(string optionsHex)
    {
        Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(Wire.Bytes(_header + optionsHex)));
    }

    [Fact]
    public void TryRead_ReservedNibbleWithoutTheExtendedBytesOfTheOtherNibble_IsStillReservedOptionNibble()
    {
        // Delta 13 needs one more byte that is missing, but the length nibble is 15: the reserved value wins.
        Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(Wire.Bytes(_header + "df")));
        Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(Wire.Bytes(_header + "fd")));
    }

    [Fact]
    public void TryRead_EveryOptionByteWithANibbleFifteenExceptFF_IsReservedOptionNibble()
    {
        for (var nibble = 0; nibble < 15; nibble++)
        {
            var deltaFifteen = Wire.Concat(Wire.Bytes(_header), [(byte)(0xF0 | nibble)], new byte[300]);
            var lengthFifteen = Wire.Concat(Wire.Bytes(_header), [(byte)((nibble << 4) | 0xF)], new byte[300]);

            Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(deltaFifteen));
            Assert.Equal(CoapFormatError.ReservedOptionNibble, Wire.Read(lengthFifteen));
        }
    }

    [Theory]
    [InlineData("e0 ff ff")]
    [InlineData("e0 fe f3")]
    [InlineData("e0 fe f2 10")]
    [InlineData("e0 fe f2 d0 00")]
    [InlineData("e0 80 00 e0 80 00")]
    [InlineData("e0 fe f2 00 00 10")]
    public void TryRead_OptionNumberAbove65535_IsOptionNumberOverflow(string optionsHex)
    {
        Assert.Equal(CoapFormatError.OptionNumberOverflow, Wire.Read(Wire.Bytes(_header + optionsHex)));
    }

    [Fact]
    public void TryRead_OptionNumber65535Repeated_IsValid()
    {
        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(Wire.Bytes(_header + "e0 fe f2 00 01 ab"), out var message));

        var options = Wire.OptionsOf(message);
        Assert.Equal(new[] { 65535, 65535, 65535 }, options.Select(o => o.Number));
        Assert.Equal(new[] { "", "", "AB" }, options.Select(o => Hex.Format(o.Value)));
    }

    [Theory]
    [InlineData("d0")]
    [InlineData("e0")]
    [InlineData("e0 00")]
    [InlineData("0d")]
    [InlineData("0e")]
    [InlineData("0e 00")]
    [InlineData("dd 00")]
    [InlineData("ee 00 00")]
    [InlineData("ee 00 00 00")]
    [InlineData("01")]
    [InlineData("02 aa")]
    [InlineData("0c 00 01 02 03 04 05 06 07 08 09 0a")]
    [InlineData("0d 00 00 01 02 03 04 05 06 07 08 09 0a 0b")]
    [InlineData("0e 00 00 00 01 02")]
    [InlineData("b1 61 d0")]
    [InlineData("b1 61 03 62 63")]
    public void TryRead_DatagramEndsInsideAnOption_IsTruncatedOption(string optionsHex)
    {
        Assert.Equal(CoapFormatError.TruncatedOption, Wire.Read(Wire.Bytes(_header + optionsHex)));
    }

    [Fact]
    public void TryRead_OptionValueRunsIntoWhatLooksLikeAPayloadMarker_TreatsFFAsValueByte()
    {
        // Length 2 covers "ff 01": the 0xFF inside a value is data, not a marker.
        var datagram = Wire.Bytes(_header + "b2 ff 01");

        Assert.Equal(CoapFormatError.None, CoapMessageReader.TryRead(datagram, out var message));

        Wire.Equal("ff 01", Assert.Single(Wire.OptionsOf(message)).Value);
        Assert.True(message.Payload.IsEmpty);
    }
}
