using System.Globalization;

namespace Coap.Tests.Messages;

/// <summary>Codes (RFC 7252 §3, §12.1): 3-bit class, 5-bit detail, written "c.dd".</summary>
public class CoapCodeTests
{
    public static TheoryData<int> AllValues()
    {
        var data = new TheoryData<int>();
        for (var value = 0; value < 256; value++)
        {
            data.Add(value);
        }

        return data;
    }

    [Fact]
    public void ClassAndDetail_AllValues_AreTheTopThreeAndBottomFiveBits()
    {
        for (var value = 0; value < 256; value++)
        {
            var code = new CoapCode((byte)value);

            Assert.Equal(value / 32, code.Class);
            Assert.Equal(value % 32, code.Detail);
            Assert.Equal(code, new CoapCode(code.Class, code.Detail));
        }
    }

    [Theory]
    [InlineData(0, 1, 0x01)]
    [InlineData(2, 5, 0x45)]
    [InlineData(4, 4, 0x84)]
    [InlineData(5, 0, 0xa0)]
    [InlineData(7, 31, 0xff)]
    public void Constructor_ClassAndDetail_PacksIntoOneByte(int codeClass, int detail, int expected)
    {
        Assert.Equal(expected, new CoapCode(codeClass, detail).Value);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 32)]
    [InlineData(0, -1)]
    [InlineData(2, 100)]
    public void Constructor_ClassOrDetailOutOfRange_Throws(int codeClass, int detail)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapCode(codeClass, detail));
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public void ToString_EveryValue_IsDottedFormAndRoundTripsThroughTryParse(int value)
    {
        var code = new CoapCode((byte)value);
        var expected = string.Create(CultureInfo.InvariantCulture, $"{(char)('0' + (value >> 5))}.{(value & 0x1F).ToString("00", CultureInfo.InvariantCulture)}");

        var text = code.ToString();

        Assert.Equal(expected, text);
        Assert.Equal(4, text.Length);
        Assert.True(CoapCode.TryParse(text, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [MemberData(nameof(AllValues))]
    public void TryFormat_EveryValue_MatchesToString(int value)
    {
        var code = new CoapCode((byte)value);
        Span<char> buffer = stackalloc char[8];

        Assert.True(code.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture));

        Assert.Equal(4, written);
        Assert.Equal(code.ToString(), buffer[..written].ToString());
        Assert.Equal(code.ToString(), code.ToString(null, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryFormat_DestinationShorterThanFour_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[3];

        Assert.False(CoapCode.Content.TryFormat(buffer, out var written, default, null));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Interpolation_UsesDottedForm()
    {
        Assert.Equal("code 4.04", string.Create(CultureInfo.InvariantCulture, $"code {CoapCode.NotFound}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("2.5")]
    [InlineData("2.051")]
    [InlineData("205")]
    [InlineData("2,05")]
    [InlineData("2-05")]
    [InlineData("8.00")]
    [InlineData("9.99")]
    [InlineData("2.32")]
    [InlineData("2.99")]
    [InlineData("a.05")]
    [InlineData("2.0x")]
    [InlineData(" 2.05")]
    [InlineData("2.05 ")]
    [InlineData("+.05")]
    [InlineData("\u0662.05")]
    [InlineData("2.\uff10\uff15")]
    public void TryParse_Malformed_ReturnsFalseAndDefault(string text)
    {
        Assert.False(CoapCode.TryParse(text, out var code));
        Assert.Equal(default, code);
    }

    [Theory]
    [InlineData("0.00", 0x00)]
    [InlineData("0.01", 0x01)]
    [InlineData("2.05", 0x45)]
    [InlineData("2.31", 0x5f)]
    [InlineData("4.04", 0x84)]
    [InlineData("5.03", 0xa3)]
    [InlineData("7.31", 0xff)]
    public void TryParse_DottedForm_GivesTheCode(string text, int expected)
    {
        Assert.True(CoapCode.TryParse(text, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Fact]
    public void IsEmpty_OnlyForZero()
    {
        for (var value = 0; value < 256; value++)
        {
            Assert.Equal(value == 0, new CoapCode((byte)value).IsEmpty);
        }
    }

    [Fact]
    public void IsRequest_ExactlyZeroPointZeroOneToZeroPointThirtyOne()
    {
        for (var value = 0; value < 256; value++)
        {
            Assert.Equal(value is >= 1 and <= 31, new CoapCode((byte)value).IsRequest);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void IsResponse_ClassesTwoFourFive_AreResponses(int codeClass)
    {
        for (var detail = 0; detail < 32; detail++)
        {
            var code = new CoapCode(codeClass, detail);
            Assert.True(code.IsResponse, code.ToString());
            Assert.False(code.IsRequest);
            Assert.False(code.IsReserved);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void IsReserved_ClassesOtherThanZeroTwoFourFive_AreReservedAndNotResponses(int codeClass)
    {
        // RFC 7252 §3: "The class can indicate a request (0), a success response (2), a client
        // error response (4), or a server error response (5). (All other class values are reserved.)"
        for (var detail = 0; detail < 32; detail++)
        {
            var code = new CoapCode(codeClass, detail);
            Assert.True(code.IsReserved, code.ToString());
            Assert.False(code.IsResponse, code.ToString());
            Assert.False(code.IsRequest);
        }
    }

    [Fact]
    public void Classification_EveryValue_IsExactlyOneOfEmptyRequestResponseReserved()
    {
        for (var value = 0; value < 256; value++)
        {
            var code = new CoapCode((byte)value);
            var kinds = (code.IsEmpty ? 1 : 0) + (code.IsRequest ? 1 : 0) + (code.IsResponse ? 1 : 0) + (code.IsReserved ? 1 : 0);
            Assert.True(kinds == 1, $"{code}: empty={code.IsEmpty} request={code.IsRequest} response={code.IsResponse} reserved={code.IsReserved}");
        }
    }

    [Fact]
    public void IsSuccess_OnlyClassTwo()
    {
        for (var value = 0; value < 256; value++)
        {
            Assert.Equal(value >> 5 == 2, new CoapCode((byte)value).IsSuccess);
        }
    }

    [Theory]
    [InlineData(1, "GET")]
    [InlineData(2, "POST")]
    [InlineData(3, "PUT")]
    [InlineData(4, "DELETE")]
    [InlineData(5, "FETCH")]
    [InlineData(6, "PATCH")]
    [InlineData(7, "iPATCH")]
    public void Name_Method_IsTheMethodName(int value, string expected)
    {
        Assert.Equal(expected, new CoapCode((byte)value).Name);
    }

    [Theory]
    [InlineData(0x00, "0.00")]
    [InlineData(0x08, "0.08")]
    [InlineData(0x1f, "0.31")]
    [InlineData(0x45, "2.05")]
    [InlineData(0x84, "4.04")]
    [InlineData(0xe1, "7.01")]
    public void Name_NotAMethod_IsTheDottedForm(int value, string expected)
    {
        Assert.Equal(expected, new CoapCode((byte)value).Name);
    }

    public static TheoryData<string, CoapCode> NamedCodes() => new()
    {
        { "0.00", CoapCode.Empty },
        { "0.01", CoapCode.Get },
        { "0.02", CoapCode.Post },
        { "0.03", CoapCode.Put },
        { "0.04", CoapCode.Delete },
        { "0.05", CoapCode.Fetch },
        { "0.06", CoapCode.Patch },
        { "0.07", CoapCode.IPatch },
        { "2.01", CoapCode.Created },
        { "2.02", CoapCode.Deleted },
        { "2.03", CoapCode.Valid },
        { "2.04", CoapCode.Changed },
        { "2.05", CoapCode.Content },
        { "2.31", CoapCode.Continue },
        { "4.00", CoapCode.BadRequest },
        { "4.01", CoapCode.Unauthorized },
        { "4.02", CoapCode.BadOption },
        { "4.03", CoapCode.Forbidden },
        { "4.04", CoapCode.NotFound },
        { "4.05", CoapCode.MethodNotAllowed },
        { "4.06", CoapCode.NotAcceptable },
        { "4.08", CoapCode.RequestEntityIncomplete },
        { "4.09", CoapCode.Conflict },
        { "4.12", CoapCode.PreconditionFailed },
        { "4.13", CoapCode.RequestEntityTooLarge },
        { "4.15", CoapCode.UnsupportedContentFormat },
        { "4.22", CoapCode.UnprocessableEntity },
        { "4.29", CoapCode.TooManyRequests },
        { "5.00", CoapCode.InternalServerError },
        { "5.01", CoapCode.NotImplemented },
        { "5.02", CoapCode.BadGateway },
        { "5.03", CoapCode.ServiceUnavailable },
        { "5.04", CoapCode.GatewayTimeout },
        { "5.05", CoapCode.ProxyingNotSupported },
        { "5.08", CoapCode.HopLimitReached },
    };

    [Theory]
    [MemberData(nameof(NamedCodes))]
    public void NamedCode_HasItsRegisteredNumber(string dotted, CoapCode code)
    {
        Assert.Equal(dotted, code.ToString());
    }

    [Fact]
    public void Equality_SameValue_IsEqual()
    {
        Assert.Equal(new CoapCode(2, 5), CoapCode.Content);
        Assert.True(new CoapCode(0x45) == CoapCode.Content);
        Assert.NotEqual(CoapCode.Content, CoapCode.Changed);
        Assert.Equal(CoapCode.Empty, default);
    }
}
