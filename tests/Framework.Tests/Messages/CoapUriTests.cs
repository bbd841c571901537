namespace Coap.Tests.Messages;

public sealed class CoapUriTests
{
    private static (int Number, string Value)[] Options(CoapOptionCollection options) =>
        [.. options.Select(o => (o.Number, o.Number == CoapOptionNumber.UriPort ? o.GetUInt().ToString(System.Globalization.CultureInfo.InvariantCulture) : o.GetString()))];

    private static (int Number, string Value)[] OptionsOf(string uri)
    {
        var options = new CoapOptionCollection();
        CoapUri.AddOptions(uri, options);
        return Options(options);
    }

    // ---- Parse ----

    [Fact]
    public void Parse_RegName_SetsAllParts()
    {
        var parts = CoapUri.Parse("coap://example.com:61616/sensors/temp?unit=C&raw");

        Assert.Equal("coap", parts.Scheme);
        Assert.Equal("example.com", parts.Host);
        Assert.False(parts.HostIsIpLiteral);
        Assert.Equal(61616, parts.Port);
        Assert.Equal(["sensors", "temp"], parts.PathSegments);
        Assert.Equal(["unit=C", "raw"], parts.QueryParameters);
        Assert.False(parts.IsSecure);
    }

    [Theory]
    [InlineData("coap://example.com", "coap", 5683)]
    [InlineData("coaps://example.com/", "coaps", 5684)]
    [InlineData("COAP://example.com/", "coap", 5683)]
    [InlineData("CoAPs://example.com/", "coaps", 5684)]
    [InlineData("coap://example.com:/", "coap", 5683)]
    [InlineData("coaps://example.com:5683/", "coaps", 5683)]
    [InlineData("coap://example.com:00080/", "coap", 80)]
    [InlineData("coap://example.com:65535", "coap", 65535)]
    public void Parse_SchemeAndPort_AppliesDefaults(string uri, string scheme, int port)
    {
        var parts = CoapUri.Parse(uri);

        Assert.Equal(scheme, parts.Scheme);
        Assert.Equal(port, parts.Port);
        Assert.Equal(scheme == "coaps", parts.IsSecure);
    }

    [Theory]
    [InlineData("coap://[2001:db8::1]:5683/", "2001:db8::1", 5683)]
    [InlineData("coap://[2001:db8::1]/", "2001:db8::1", 5683)]
    [InlineData("coaps://[::1]:61616", "::1", 61616)]
    [InlineData("coap://[::]/", "::", 5683)]
    [InlineData("coap://[2001:DB8:0:0:8:800:200C:417A]/", "2001:DB8:0:0:8:800:200C:417A", 5683)]
    [InlineData("coap://[::ffff:192.0.2.1]/", "::ffff:192.0.2.1", 5683)]
    [InlineData("coap://[1:2:3:4:5:6:7::]/", "1:2:3:4:5:6:7::", 5683)]
    public void Parse_Ipv6Literal_SetsHostAndPort(string uri, string host, int port)
    {
        var parts = CoapUri.Parse(uri);

        Assert.Equal(host, parts.Host);
        Assert.True(parts.HostIsIpLiteral);
        Assert.Equal(port, parts.Port);
        Assert.Empty(parts.PathSegments);
    }

    [Fact]
    public void Parse_Ipv6ZoneId_DecodesZoneUsableByIPAddress()
    {
        var parts = CoapUri.Parse("coap://[fe80::1%25eth0]:1234/a");

        Assert.Equal("fe80::1%eth0", parts.Host);
        Assert.True(parts.HostIsIpLiteral);
        Assert.Equal(1234, parts.Port);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.IPAddress.Parse(parts.Host).AddressFamily);
    }

    [Theory]
    [InlineData("coap://192.0.2.1/", "192.0.2.1", true)]
    [InlineData("coap://0.0.0.0/", "0.0.0.0", true)]
    [InlineData("coap://255.255.255.255:1/", "255.255.255.255", true)]
    [InlineData("coap://192.0.2.01/", "192.0.2.01", false)]
    [InlineData("coap://192.0.2/", "192.0.2", false)]
    [InlineData("coap://192.0.2.256/", "192.0.2.256", false)]
    [InlineData("coap://1.2.3.4.5/", "1.2.3.4.5", false)]
    public void Parse_DottedHost_IsIpLiteralOnlyForIpv4Address(string uri, string host, bool isIpLiteral)
    {
        var parts = CoapUri.Parse(uri);

        Assert.Equal(host, parts.Host);
        Assert.Equal(isIpLiteral, parts.HostIsIpLiteral);
    }

    [Theory]
    [InlineData("coap://EXAMPLE.com/", "example.com")]
    [InlineData("coap://Ex%41mple.com/", "exAmple.com")] // lower-cased first, then decoded (§6.4 step 5)
    [InlineData("coap://b%C3%BCcher.example/", "bücher.example")]
    [InlineData("coap://a!$&'()*+,;=-._~z/", "a!$&'()*+,;=-._~z")]
    public void Parse_RegName_LowerCasesThenPercentDecodes(string uri, string host)
    {
        var parts = CoapUri.Parse(uri);

        Assert.Equal(host, parts.Host);
        Assert.False(parts.HostIsIpLiteral);
    }

    [Theory]
    [InlineData("coap://h", new string[0])]
    [InlineData("coap://h/", new string[0])]
    [InlineData("coap://h?q", new string[0])]
    [InlineData("coap://h/a", new[] { "a" })]
    [InlineData("coap://h/a/", new[] { "a", "" })]
    [InlineData("coap://h//", new[] { "", "" })]
    [InlineData("coap://h/a//b", new[] { "a", "", "b" })]
    [InlineData("coap://h/a%2Fb/c", new[] { "a/b", "c" })]
    [InlineData("coap://h/%7Esensors/temp.xml", new[] { "~sensors", "temp.xml" })]
    [InlineData("coap://h/%C3%A9t%c3%a9", new[] { "été" })]
    [InlineData("coap://h/a%20b/%25", new[] { "a b", "%" })]
    [InlineData("coap://h/:@!$&'()*+,;=", new[] { ":@!$&'()*+,;=" })]
    public void Parse_Path_SplitsAndPercentDecodesSegments(string uri, string[] segments)
    {
        Assert.Equal(segments, CoapUri.Parse(uri).PathSegments);
    }

    [Theory]
    [InlineData("/a/./b/../c", new[] { "a", "c" })]
    [InlineData("/a/b/c/./../../g", new[] { "a", "g" })]
    [InlineData("/a/..", new string[0])]
    [InlineData("/..", new string[0])]
    [InlineData("/./", new string[0])]
    [InlineData("/../a", new[] { "a" })]
    [InlineData("/a/.", new[] { "a", "" })]
    [InlineData("/a/b/..", new[] { "a", "" })]
    [InlineData("/a/.b/..c/...", new[] { "a", ".b", "..c", "..." })]
    public void Parse_DotSegments_AreRemoved(string path, string[] segments)
    {
        Assert.Equal(segments, CoapUri.Parse("coap://h" + path).PathSegments);
    }

    [Theory]
    [InlineData("coap://h/", new string[0])]
    [InlineData("coap://h/?", new[] { "" })]
    [InlineData("coap://h?a=1&b=2&c", new[] { "a=1", "b=2", "c" })]
    [InlineData("coap://h/p?a&&b&", new[] { "a", "", "b", "" })]
    [InlineData("coap://h/?x=%26y", new[] { "x=&y" })]
    [InlineData("coap://h/?path=/a/b?c:d@e", new[] { "path=/a/b?c:d@e" })]
    [InlineData("coap://h/?q=%C3%A9+%20", new[] { "q=é+ " })]
    public void Parse_Query_SplitsOnAmpersandAndDecodes(string uri, string[] arguments)
    {
        Assert.Equal(arguments, CoapUri.Parse(uri).QueryParameters);
    }

    [Theory]
    [InlineData("coap://example.com/#frag")]
    [InlineData("coap://example.com/a#")]
    [InlineData("coap://example.com/a?b#c")]
    [InlineData("coap://example.com#")]
    public void Parse_Fragment_IsRejected(string uri)
    {
        var exception = Assert.Throws<FormatException>(() => CoapUri.Parse(uri));

        Assert.Contains("fragment", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com/", "http")]
    [InlineData("coap+tcp://example.com/", "coap+tcp")]
    [InlineData("urn:example:thing", "urn")]
    public void Parse_OtherScheme_IsRejected(string uri, string scheme)
    {
        var exception = Assert.Throws<FormatException>(() => CoapUri.Parse(uri));

        Assert.Contains($"'{scheme}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sensors/temp")]
    [InlineData("sensors/temp")]
    [InlineData("//example.com/sensors")]
    [InlineData("example.com/sensors")]
    [InlineData(":5683/x")]
    [InlineData("")]
    [InlineData(" coap://example.com/")]
    public void Parse_RelativeUri_IsRejected(string uri)
    {
        var exception = Assert.Throws<FormatException>(() => CoapUri.Parse(uri));

        Assert.Contains("absolute", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coap:/sensors")]
    [InlineData("coap:sensors")]
    [InlineData("coap:")]
    public void Parse_NoAuthority_IsRejected(string uri)
    {
        Assert.Throws<FormatException>(() => CoapUri.Parse(uri));
    }

    [Theory]
    [InlineData("coap://example.com/%")]
    [InlineData("coap://example.com/%4")]
    [InlineData("coap://example.com/%4/")]
    [InlineData("coap://example.com/%zz")]
    [InlineData("coap://example.com/?a=%G1")]
    [InlineData("coap://ex%2gmple.com/")]
    [InlineData("coap://example.com/%FF")]
    [InlineData("coap://example.com/%C3")]
    [InlineData("coap://example.com/?%C3%28")]
    public void Parse_BadPercentEncoding_IsRejected(string uri)
    {
        var exception = Assert.Throws<FormatException>(() => CoapUri.Parse(uri));

        Assert.True(
            exception.Message.Contains("hexadecimal", StringComparison.Ordinal) || exception.Message.Contains("UTF-8", StringComparison.Ordinal),
            exception.Message);
    }

    [Theory]
    [InlineData("coap://example.com:abc/")]
    [InlineData("coap://example.com:-1/")]
    [InlineData("coap://example.com:0/")]
    [InlineData("coap://example.com:65536/")]
    [InlineData("coap://example.com:99999999999999999999/")]
    [InlineData("coap://example.com:56:83/")]
    [InlineData("coap://[::1]5683/")]
    public void Parse_BadPort_IsRejected(string uri)
    {
        Assert.Throws<FormatException>(() => CoapUri.Parse(uri));
    }

    [Theory]
    [InlineData("coap:///path")]
    [InlineData("coap://:5683/")]
    [InlineData("coap://?q")]
    [InlineData("coap://")]
    public void Parse_EmptyHost_IsRejected(string uri)
    {
        var exception = Assert.Throws<FormatException>(() => CoapUri.Parse(uri));

        Assert.Contains("host is empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coap://[2001:db8::1/")]
    [InlineData("coap://[2001:db8::g]/")]
    [InlineData("coap://[2001:db8:::1]/")]
    [InlineData("coap://[1:2:3:4:5:6:7:8:9]/")]
    [InlineData("coap://[1::2::3]/")]
    [InlineData("coap://[192.0.2.1]/")]
    [InlineData("coap://[]/")]
    [InlineData("coap://[fe80::1%eth0]/")]
    [InlineData("coap://[fe80::1%25]/")]
    [InlineData("coap://[v1.fe80::a]/")]
    [InlineData("coap://2001:db8::1/")]
    [InlineData("coap://user@example.com/")]
    [InlineData("coap://exa mple.com/")]
    [InlineData("coap://ex[ample.com/")]
    [InlineData("coap://example.com/a b")]
    [InlineData("coap://example.com/a\"b")]
    [InlineData("coap://example.com/a[b]")]
    [InlineData("coap://example.com/?a b")]
    [InlineData("coap://example.com/é")]
    public void Parse_MalformedUri_IsRejected(string uri)
    {
        Assert.Throws<FormatException>(() => CoapUri.Parse(uri));
        Assert.False(CoapUri.TryParse(uri, out var parts));
        Assert.Null(parts);
    }

    [Fact]
    public void Parse_ComponentLongerThanAnOption_IsRejected()
    {
        var segment = new string('a', 256);

        Assert.Throws<FormatException>(() => CoapUri.Parse("coap://h/" + segment));
        Assert.Throws<FormatException>(() => CoapUri.Parse("coap://h/?" + segment));
        Assert.Throws<FormatException>(() => CoapUri.Parse("coap://h/" + string.Concat(Enumerable.Repeat("%C3%A9", 128))));
        Assert.Equal(255, CoapUri.Parse("coap://h/" + segment[1..]).PathSegments[0].Length);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CoapUri.Parse(null!));
    }

    [Fact]
    public void TryParse_ValidAndInvalid_ReportsResult()
    {
        Assert.True(CoapUri.TryParse("coap://example.com/a", out var parts));
        Assert.Equal(["a"], parts.PathSegments);
        Assert.False(CoapUri.TryParse("http://example.com/a", out _));
        Assert.False(CoapUri.TryParse(null, out _));
    }

    [Fact]
    public void Parts_Equality_ComparesListsByValue()
    {
        var first = CoapUri.Parse("coap://EXAMPLE.com:5683/%7Ea/b?x&y");
        var second = CoapUri.Parse("coap://example.com/~a/b?x&y");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, CoapUri.Parse("coap://example.com/~a/b?x"));
        Assert.Contains("PathSegments = [\"~a\", \"b\"]", first.ToString(), StringComparison.Ordinal);
    }

    // ---- AddOptions (§6.4) ----

    [Fact]
    public void AddOptions_Rfc7252EquivalentUris_GiveIdenticalOptions()
    {
        (int, string)[] expected =
        [
            (CoapOptionNumber.UriHost, "example.com"),
            (CoapOptionNumber.UriPath, "~sensors"),
            (CoapOptionNumber.UriPath, "temp.xml"),
        ];

        Assert.Equal(expected, OptionsOf("coap://example.com:5683/~sensors/temp.xml"));
        Assert.Equal(expected, OptionsOf("coap://EXAMPLE.com/%7Esensors/temp.xml"));
        Assert.Equal(expected, OptionsOf("coap://EXAMPLE.com:/%7esensors/temp.xml"));
    }

    [Theory]
    [InlineData("coap://192.0.2.1/a")]
    [InlineData("coap://[2001:db8::1]/a")]
    [InlineData("coap://[fe80::1%25eth0]/a")]
    public void AddOptions_IpLiteral_OmitsUriHost(string uri)
    {
        Assert.Equal([(CoapOptionNumber.UriPath, "a")], OptionsOf(uri));
    }

    [Theory]
    [InlineData("coap://example.com/", 5683, null)]
    [InlineData("coap://example.com:5683/", 5683, null)]
    [InlineData("coaps://example.com/", 5684, null)]
    [InlineData("coap://example.com:61616/", 61616, null)]
    [InlineData("coap://example.com:61616/", 5683, 61616u)]
    [InlineData("coap://example.com/", 61616, 5683u)]
    [InlineData("coaps://example.com/", 5683, 5684u)]
    public void AddOptions_Port_AddsUriPortOnlyWhenItDiffersFromDestination(string uri, int destinationPort, uint? expected)
    {
        var options = new CoapOptionCollection();

        CoapUri.AddOptions(CoapUri.Parse(uri), options, destinationPort);

        Assert.Equal(expected, options.GetUInt(CoapOptionNumber.UriPort));
    }

    [Fact]
    public void AddOptions_StringOverload_ReturnsPartsAndNeverAddsUriPort()
    {
        var options = new CoapOptionCollection();

        var parts = CoapUri.AddOptions("coap://[2001:db8::1]:61616/a/?b", options);

        Assert.Equal("2001:db8::1", parts.Host);
        Assert.Equal(61616, parts.Port);
        Assert.Equal(
            [(CoapOptionNumber.UriPath, "a"), (CoapOptionNumber.UriPath, ""), (CoapOptionNumber.UriQuery, "b")],
            Options(options));
    }

    [Theory]
    [InlineData("coap://h")]
    [InlineData("coap://h/")]
    [InlineData("coap://h/.")]
    [InlineData("coap://h/a/..")]
    public void AddOptions_RootPath_AddsNoUriPath(string uri)
    {
        Assert.Equal([(CoapOptionNumber.UriHost, "h")], OptionsOf(uri));
    }

    [Fact]
    public void AddOptions_EncodedSlashAndAmpersand_StayInsideTheirOption()
    {
        Assert.Equal(
            [
                (CoapOptionNumber.UriHost, "h"),
                (CoapOptionNumber.UriPath, "a/b"),
                (CoapOptionNumber.UriPath, "c"),
                (CoapOptionNumber.UriQuery, "x=1&2"),
                (CoapOptionNumber.UriQuery, "y"),
            ],
            OptionsOf("coap://h/a%2Fb/c?x=1%262&y"));
    }

    [Fact]
    public void AddOptions_AppendsAfterExistingOptionsInNumberOrder()
    {
        var options = new CoapOptionCollection();
        options.Add(CoapOptionNumber.ContentFormat, 50u);
        options.Add(CoapOptionNumber.UriPath, "first");

        CoapUri.AddOptions("coap://h/second", options);

        Assert.Equal(
            [CoapOptionNumber.UriHost, CoapOptionNumber.UriPath, CoapOptionNumber.UriPath, CoapOptionNumber.ContentFormat],
            options.Select(o => o.Number));
        Assert.Equal(["first", "second"], options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
    }

    [Fact]
    public void AddOptions_InvalidParts_ThrowsAndAddsNothing()
    {
        var options = new CoapOptionCollection();
        var tooLong = new CoapUriParts("coap", "h", false, 5683, ["ok", new string('x', 256)], []);

        Assert.Throws<ArgumentException>(() => CoapUri.AddOptions(tooLong, options, 5683));
        Assert.Throws<ArgumentException>(() => CoapUri.AddOptions(tooLong with { PathSegments = [], Host = "" }, options, 5683));
        Assert.Throws<ArgumentException>(() => CoapUri.AddOptions(tooLong with { PathSegments = [], Port = 70000 }, options, 5683));
        Assert.Empty(options);
    }

    [Fact]
    public void AddOptions_BadUri_ThrowsFormatException()
    {
        var options = new CoapOptionCollection();

        Assert.Throws<FormatException>(() => CoapUri.AddOptions("coap://h/#x", options));
        Assert.Empty(options);
    }

    // ---- Compose (§6.5) ----

    [Theory]
    [InlineData("coap://example.com/", "coap://example.com/")]
    [InlineData("coap://example.com", "coap://example.com/")]
    [InlineData("coap://example.com:5683/", "coap://example.com/")]
    [InlineData("coap://example.com:61616/sensors/temp?unit=C&raw", "coap://example.com:61616/sensors/temp?unit=C&raw")]
    [InlineData("coaps://example.com/a/b", "coaps://example.com/a/b")]
    [InlineData("coaps://example.com:5684/a", "coaps://example.com/a")]
    [InlineData("coaps://example.com:5683/", "coaps://example.com:5683/")]
    [InlineData("coap://EXAMPLE.com:/%7esensors/temp.xml", "coap://example.com/~sensors/temp.xml")]
    [InlineData("coap://[2001:db8::1]/.well-known/core", "coap://[2001:db8::1]/.well-known/core")]
    [InlineData("coap://[2001:db8::1]:5683/", "coap://[2001:db8::1]/")]
    [InlineData("coap://[fe80::1%25eth0]:1234/a", "coap://[fe80::1%25eth0]:1234/a")]
    [InlineData("coap://192.0.2.1/a/b/", "coap://192.0.2.1/a/b/")]
    [InlineData("coap://example.com//", "coap://example.com//")]
    [InlineData("coap://example.com/a/./b/../c", "coap://example.com/a/c")]
    [InlineData("coap://example.com/a%2Fb/c%20d/%25", "coap://example.com/a%2Fb/c%20d/%25")]
    [InlineData("coap://example.com/~x:y@z!$&'()*+,;=", "coap://example.com/~x:y@z!$&'()*+,;=")]
    [InlineData("coap://example.com/%c3%a9t%C3%A9", "coap://example.com/%C3%A9t%C3%A9")]
    [InlineData("coap://example.com/%41%2D", "coap://example.com/A-")]
    [InlineData("coap://example.com/?", "coap://example.com/?")]
    [InlineData("coap://example.com/p?a&&b", "coap://example.com/p?a&&b")]
    [InlineData("coap://example.com/?a=1%262&b=/?:@", "coap://example.com/?a=1%262&b=/?:@")]
    [InlineData("coap://example.com/a?b=%2F%3F", "coap://example.com/a?b=/?")]
    [InlineData("coap://b%C3%BCcher.example/", "coap://b%C3%BCcher.example/")]
    [InlineData("coap://a!$&'()*+,;=-._~z/", "coap://a!$&'()*+,;=-._~z/")]
    [InlineData("coap://192.0.2.01/", "coap://192.0.2.01/")]
    public void Compose_RoundTrip_ParseAddOptionsCompose(string uri, string expected)
    {
        var parts = CoapUri.Parse(uri);
        var options = new CoapOptionCollection();
        CoapUri.AddOptions(parts, options, parts.Port);

        var composed = CoapUri.Compose(options, parts.Host, parts.Port, parts.IsSecure);

        Assert.Equal(expected, composed);
        Assert.Equal(parts, CoapUri.Parse(composed));
    }

    [Theory]
    [InlineData("coap://example.com:61616/a?b")]
    [InlineData("coap://[2001:db8::1]:61616/a")]
    [InlineData("coaps://192.0.2.1/")]
    public void Compose_RoundTrip_WithDifferentDestination(string uri)
    {
        var parts = CoapUri.Parse(uri);
        var options = new CoapOptionCollection();
        CoapUri.AddOptions(parts, options, destinationPort: 5683);

        var composed = CoapUri.Compose(options, parts.Host, 5683, parts.IsSecure);

        Assert.Equal(uri, composed);
    }

    [Theory]
    [InlineData("192.0.2.1", 5683, false, "coap://192.0.2.1/")]
    [InlineData("2001:db8::1", 5683, false, "coap://[2001:db8::1]/")]
    [InlineData("[2001:db8::1]", 5683, false, "coap://[2001:db8::1]/")]
    [InlineData("fe80::1%eth0", 5683, false, "coap://[fe80::1%25eth0]/")]
    [InlineData("fe80::1%3", 5684, true, "coaps://[fe80::1%253]/")]
    [InlineData("[fe80::1%25eth0]", 1, false, "coap://[fe80::1%25eth0]:1/")]
    [InlineData("Example.com", 5684, false, "coap://Example.com:5684/")]
    [InlineData("::ffff:192.0.2.1", 5683, false, "coap://[::ffff:192.0.2.1]/")]
    public void Compose_NoUriHost_UsesDestination(string host, int port, bool secure, string expected)
    {
        Assert.Equal(expected, CoapUri.Compose([], host, port, secure));
    }

    [Fact]
    public void Compose_UriHostAndUriPort_OverrideDestination()
    {
        var options = new CoapOptionCollection()
            .Add(CoapOptionNumber.UriHost, "example.net")
            .Add(CoapOptionNumber.UriPort, 5683u)
            .Add(CoapOptionNumber.UriPath, "x");

        Assert.Equal("coap://example.net/x", CoapUri.Compose(options, "192.0.2.1", 61616));
        Assert.Equal("coaps://example.net:5683/x", CoapUri.Compose(options, "192.0.2.1", 5684, secure: true));
    }

    [Fact]
    public void Compose_PercentEncodesWhatIsNotAllowedLiterally()
    {
        var options = new CoapOptionCollection()
            .Add(CoapOptionNumber.UriHost, "bücher.example")
            .Add(CoapOptionNumber.UriPath, "a/b?c#d")
            .Add(CoapOptionNumber.UriPath, "é %")
            .Add(CoapOptionNumber.UriQuery, "k=a&b")
            .Add(CoapOptionNumber.UriQuery, "p=/x?y#z[]");

        Assert.Equal(
            "coap://b%C3%BCcher.example/a%2Fb%3Fc%23d/%C3%A9%20%25?k=a%26b&p=/x?y%23z%5B%5D",
            CoapUri.Compose(options, "192.0.2.1", 5683));
    }

    [Fact]
    public void Compose_IgnoresOtherOptionsAndUsesFirstUriHost()
    {
        var options = new CoapOption[]
        {
            CoapOption.FromString(CoapOptionNumber.UriHost, "first"),
            CoapOption.FromString(CoapOptionNumber.UriHost, "second"),
            CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 0),
            CoapOption.FromString(CoapOptionNumber.LocationPath, "nope"),
            CoapOption.FromString(CoapOptionNumber.UriPath, "yes"),
        };

        Assert.Equal("coap://first/yes", CoapUri.Compose(options, "192.0.2.1", 5683));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("[::1")]
    [InlineData("[example.com]")]
    [InlineData("fe80::1%")]
    public void Compose_InvalidUriHost_Throws(string host)
    {
        var options = new CoapOptionCollection().Add(CoapOptionNumber.UriHost, host);

        Assert.Throws<FormatException>(() => CoapUri.Compose(options, "192.0.2.1", 5683));
    }

    [Fact]
    public void Compose_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => CoapUri.Compose([], "", 5683));
        Assert.Throws<ArgumentException>(() => CoapUri.Compose([], "a b", 5683));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoapUri.Compose([], "h", 65536));
        Assert.Throws<FormatException>(() => CoapUri.Compose([CoapOption.FromUInt(CoapOptionNumber.UriPort, 70000)], "h", 5683));
    }

    // ---- Encoded bytes ----

    [Fact]
    public void Encode_GetRequestFromUri_MatchesExpectedBytes()
    {
        var message = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 0x1234 };
        CoapUri.AddOptions(CoapUri.Parse("coap://EXAMPLE.com:61616/a/b?x=1"), message.Options, CoapUri.DefaultPort);

        var bytes = message.ToArray();

        Assert.Equal(
            "40011234"                      // CON GET, MID 0x1234, no token
            + "3B" + "6578616D706C652E636F6D" // Uri-Host (3): "example.com"
            + "42" + "F0B0"                   // Uri-Port (7): 61616
            + "41" + "61"                     // Uri-Path (11): "a"
            + "01" + "62"                     // Uri-Path (11): "b"
            + "43" + "783D31",                // Uri-Query (15): "x=1"
            Convert.ToHexString(bytes));
        Assert.Equal("coap://example.com:61616/a/b?x=1", CoapUri.Compose(CoapMessage.Parse(bytes).Options, "192.0.2.1", CoapUri.DefaultPort));
    }

    [Fact]
    public void Encode_TrailingSlash_EncodesEmptyUriPath()
    {
        var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 1 };
        CoapUri.AddOptions("coap://[::1]/a/", message.Options);

        Assert.Equal("50010001" + "B1" + "61" + "00", Convert.ToHexString(message.ToArray()));
    }
}
