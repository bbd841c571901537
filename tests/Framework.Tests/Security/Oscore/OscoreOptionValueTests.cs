using Coap.Security.Oscore;
using Coap.Tests.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore;

public sealed class OscoreOptionValueTests
{
    [Theory]
    [InlineData("05", true, "25", false, "", "090525")]
    [InlineData("00", true, "", false, "", "0900")]
    [InlineData("05", true, "", true, "44616c656b", "19050544616c656b")]
    [InlineData("", false, "", false, "", "")]
    [InlineData("07", false, "", false, "", "0107")]
    [InlineData("14", true, "", true, "37cbf3210017a2d3", "19140837cbf3210017a2d3")]
    public void Rfc8613Section6_3_Examples_EncodeAndDecode(string piv, bool hasKid, string kid, bool hasContext, string context, string expected)
    {
        var value = new OscoreOptionValue(Hex.Parse(piv), hasKid, Hex.Parse(kid), hasContext, Hex.Parse(context));
        var bytes = new byte[value.EncodedLength];
        Assert.Equal(bytes.Length, value.Encode(bytes));
        Wire.Equal(expected, bytes);

        Assert.Equal(OscoreOptionError.None, OscoreOptionValue.TryDecode(Hex.Parse(expected), out var decoded));
        Wire.Equal(piv, decoded.PartialIv);
        Assert.Equal(hasKid, decoded.HasKid);
        Wire.Equal(kid, decoded.Kid);
        Assert.Equal(hasContext, decoded.HasKidContext);
        Wire.Equal(context, decoded.KidContext);
        Assert.False(decoded.GroupFlag);
    }

    [Fact]
    public void PartialIvZero_EncodesAsOneZeroByte()
    {
        var piv = OscorePartialIv.FromSequenceNumber(0);
        var bytes = new byte[8];
        Assert.Equal(1, piv.Write(bytes));
        Assert.Equal(0, bytes[0]);
        Assert.Equal(2, OscorePartialIv.FromSequenceNumber(0x1234).Length);
    }

    [Theory]
    [InlineData("4900", (int)OscoreOptionError.ReservedFlagBits)]
    [InlineData("8900", (int)OscoreOptionError.ReservedFlagBits)]
    [InlineData("0e0102030405", (int)OscoreOptionError.ReservedPartialIvLength)]
    [InlineData("0f010203040506", (int)OscoreOptionError.ReservedPartialIvLength)]
    [InlineData("0314", (int)OscoreOptionError.Truncated)]
    [InlineData("1105", (int)OscoreOptionError.Truncated)]
    [InlineData("11050544616c", (int)OscoreOptionError.Truncated)]
    [InlineData("010525", (int)OscoreOptionError.TrailingBytes)]
    [InlineData("00", (int)OscoreOptionError.NonEmptyWithoutFlags)]
    public void MalformedValues_AreRejected(string hex, int expected) =>
        Assert.Equal((OscoreOptionError)expected, OscoreOptionValue.TryDecode(Hex.Parse(hex), out _));

    [Fact]
    public void GroupFlag_IsDecodedIntoItsField()
    {
        Assert.Equal(OscoreOptionError.None, OscoreOptionValue.TryDecode(Hex.Parse("290525"), out var decoded));
        Assert.True(decoded.GroupFlag);
        Wire.Equal("25", decoded.Kid);
    }

    [Fact]
    public void ReservedBitCheck_IsReplaceable() =>
        Assert.Equal(OscoreOptionError.None, OscoreOptionValue.TryDecode(Hex.Parse("4900"), out _, reservedBits: 0x80));
}
