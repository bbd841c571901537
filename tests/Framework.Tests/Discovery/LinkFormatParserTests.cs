using Coap.Discovery;

namespace Coap.Tests.Discovery;

public sealed class LinkFormatParserTests
{
    // dynlink-13 Figure 2, second response, copied exactly (";;" empty parameter, unquoted values, folded lines).
    private const string Figure2Dynlink13 =
        "<coap://sensor.example.com/a/switch1/>;\n" +
        "    rel=boundto;anchor=/a/fan;;bind=\"obs\",\n" +
        "<coap://sensor.example.com/a/switch2/>;\n" +
        "    rel=boundto;anchor=/a/light;bind=\"obs\"";

    // dynlink-14 has a stray comma where dynlink-13 has the empty parameter.
    private const string Figure2Dynlink14 =
        "<coap://sensor.example.com/a/switch1/>;\n" +
        "    rel=boundto;anchor=/a/fan,;bind=\"obs\",\n" +
        "<coap://sensor.example.com/a/switch2/>;\n" +
        "    rel=boundto;anchor=/a/light;bind=\"obs\"";

    private const string Figure2Put =
        "<coap://sensor.example.com/s/light>;\n" +
        "    rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60";

    private static List<ParsedLink> Parse(string text)
    {
        Assert.True(LinkFormatParser.TryParse(text, out var links, out var error), error);
        Assert.Null(error);
        return links;
    }

    private static string ParseError(string text)
    {
        Assert.False(LinkFormatParser.TryParse(text, out var links, out var error));
        Assert.Empty(links);
        Assert.NotNull(error);
        return error;
    }

    [Theory]
    [InlineData(Figure2Dynlink13)]
    [InlineData(Figure2Dynlink14)]
    public void Figure2_BothVariants_GiveTwoCompleteLinks(string text)
    {
        var links = Parse(text);

        Assert.Equal(2, links.Count);
        Assert.Equal("coap://sensor.example.com/a/switch1/", links[0].Target);
        Assert.Equal([("rel", "boundto"), ("anchor", "/a/fan"), ("bind", "obs")], links[0].Attributes);
        Assert.Equal("coap://sensor.example.com/a/switch2/", links[1].Target);
        Assert.Equal([("rel", "boundto"), ("anchor", "/a/light"), ("bind", "obs")], links[1].Attributes);
    }

    [Fact]
    public void Figure2_Put_QuotedAndUnquotedValues()
    {
        var link = Assert.Single(Parse(Figure2Put));

        Assert.Equal("coap://sensor.example.com/s/light", link.Target);
        Assert.Equal("boundto", link.GetAttribute("rel"));
        Assert.Equal("/a/light", link.GetAttribute("anchor"));
        Assert.Equal("obs", link.GetAttribute("bind"));
        Assert.Equal("10", link.GetAttribute("pmin"));
        Assert.Equal("60", link.GetAttribute("pmax"));
    }

    [Fact]
    public void Rfc6690Example_TwoLinks()
    {
        var links = Parse("</sensors/temp>;rt=\"temperature-c\";if=\"sensor\",</sensors/light>;rt=\"light-lux\";if=\"sensor\"");

        Assert.Equal(["/sensors/temp", "/sensors/light"], links.Select(l => l.Target));
        Assert.Equal("light-lux", links[1].GetAttribute("rt"));
        Assert.Equal("sensor", links[1].GetAttribute("if"));
    }

    [Fact]
    public void BareParameter_HasNullValue()
    {
        var link = Assert.Single(Parse("</s>;obs;ct=0"));

        Assert.True(link.HasAttribute("obs"));
        Assert.Null(link.GetAttribute("obs"));
        Assert.False(link.HasAttribute("sz"));
        Assert.Null(link.GetAttribute("sz"));
        Assert.Equal("0", link.GetAttribute("ct"));
    }

    [Fact]
    public void RepeatedParameter_AllValuesInOrder_FirstWins()
    {
        var link = Assert.Single(Parse("</s>;ct=0;ct=\"40\";ct"));

        Assert.Equal(["0", "40", null], link.GetAttributes("ct"));
        Assert.Equal("0", link.GetAttribute("ct"));
        Assert.Empty(link.GetAttributes("rt"));
    }

    [Fact]
    public void Names_CompareCaseInsensitively_AndKeepTheirSpelling()
    {
        var link = Assert.Single(Parse("</s>;REL=boundto"));

        Assert.Equal("boundto", link.GetAttribute("rel"));
        Assert.Equal("REL", link.Attributes[0].Name);
    }

    [Fact]
    public void QuotedString_EscapesAndSeparatorsInside()
    {
        var link = Assert.Single(Parse("</s>;title=\"a \\\"quoted\\\" \\\\ word; with, commas\";rt=x"));

        Assert.Equal("a \"quoted\" \\ word; with, commas", link.GetAttribute("title"));
        Assert.Equal("x", link.GetAttribute("rt"));
    }

    [Fact]
    public void Whitespace_AroundEverything_IsSkipped()
    {
        var links = Parse("  \r\n</a> ;\trt = \"x\" ; obs ,\n\n  </b>  \n");

        Assert.Equal(2, links.Count);
        Assert.Equal([("rt", "x"), ("obs", null)], links[0].Attributes);
        Assert.Equal("/b", links[1].Target);
        Assert.Empty(links[1].Attributes);
    }

    [Theory]
    [InlineData("</a>;;;rt=x;")]
    [InlineData("</a>; ;rt=x; ;")]
    public void EmptyParameters_AreIgnored(string text)
    {
        var link = Assert.Single(Parse(text));

        Assert.Equal([("rt", "x")], link.Attributes);
    }

    [Fact]
    public void EmptyValue_IsEmptyString()
    {
        var link = Assert.Single(Parse("</a>;rt=;if=\"\""));

        Assert.Equal([("rt", ""), ("if", "")], link.Attributes);
    }

    [Fact]
    public void StrayComma_ParametersJoinThePreviousLink()
    {
        var links = Parse("</a>;rt=x, ;if=y,</b>");

        Assert.Equal(2, links.Count);
        Assert.Equal([("rt", "x"), ("if", "y")], links[0].Attributes);
    }

    [Theory]
    [InlineData("</a>,")]
    [InlineData("</a>,,")]
    [InlineData("</a>, ,\n")]
    public void TrailingAndEmptyLinkValues_AreIgnored(string text) =>
        Assert.Equal("/a", Assert.Single(Parse(text)).Target);

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t")]
    public void EmptyDocument_HasNoLinks(string text) => Assert.Empty(Parse(text));

    [Fact]
    public void EmptyTarget_IsAllowed() => Assert.Equal("", Assert.Single(Parse("<>;rel=self")).Target);

    [Fact]
    public void PtokenCharacters_AreKeptInUnquotedValues()
    {
        var link = Assert.Single(Parse("</a>;anchor=coap://h:1/x?y=1&z;sz=-1.5e+3"));

        Assert.Equal("coap://h:1/x?y=1&z", link.GetAttribute("anchor"));
        Assert.Equal("-1.5e+3", link.GetAttribute("sz"));
    }

    [Theory]
    [InlineData("</a", "unterminated '<'")]
    [InlineData("</a>;title=\"x", "unterminated quoted string")]
    [InlineData("</a>;title=\"x\\", "unterminated quoted string")]
    [InlineData("garbage", "expected '<'")]
    [InlineData(";rt=x", "expected '<'")]
    [InlineData(",</a>", "expected '<'")]
    [InlineData("</a> </b>", "expected ';' or ','")]
    [InlineData("</a>x", "expected ';' or ','")]
    [InlineData("</a>;rt=\"x\"y", "expected ';' or ','")]
    [InlineData("</a>;rt=x\"y\"", "expected ';' or ','")]
    [InlineData("</a>;=x", "expected a parameter name")]
    [InlineData("</a>;<b>", "expected a parameter name")]
    [InlineData("</a b>", "inside the target")]
    [InlineData("</a<b>", "inside the target")]
    public void Malformed_FailsWithReason(string text, string reason) =>
        Assert.Contains(reason, ParseError(text), StringComparison.Ordinal);

    [Fact]
    public void ParsedLinkToString_RoundTrips()
    {
        var link = Assert.Single(Parse("</s>;title=\"a \\\"b\\\" \\\\\";obs;ct=0"));

        var again = Assert.Single(Parse(link.ToString()));

        Assert.Equal(link.Target, again.Target);
        Assert.Equal(link.Attributes, again.Attributes);
    }
}
