using Coap.Interop.Tests.Infrastructure;
using Coap.Interop.Tests.Routing.Controllers;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Routing;

/// <summary>
/// libcoap's coap-client-notls (4.3.1) against our <see cref="CoapServer"/> running the
/// source-generated router for <see cref="SensorsController"/> and <see cref="StatsController"/>:
/// literal and typed routes, route and binding failures (4.04, 4.05, 4.00, 4.15, 4.06), JSON
/// payloads and controller lifetimes.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientToGeneratedRouterTests(RoutingServerFixture server) : IClassFixture<RoutingServerFixture>
{
    public static TheoryData<string> Hosts() => [.. Loopback.Hosts];

    public static TheoryData<string, string> HostsAnd(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var host in Loopback.Hosts)
        {
            foreach (var value in values)
            {
                data.Add(host, value);
            }
        }

        return data;
    }

    public static TheoryData<string, string> ConstraintMismatches() => HostsAnd("abc", "4.5", "99999999999", "0x10");

    /// <summary>
    /// Paths no route matches. coap-client sends "/" as no Uri-Path at all, a trailing "/" as an
    /// empty last Uri-Path and "//" as an empty Uri-Path in the middle: all different resources.
    /// </summary>
    public static TheoryData<string, string> UnknownPaths() => HostsAnd(
        "/", "/nothing", "/sensors", "/sensors/nothing", "/Sensors/temp", "/sensors/temp/", "/sensors//temp",
        "/sensors/items", "/sensors/items/5/extra", "/stats/instance/1", "/.well-known/core/x");

    public static TheoryData<string, string> UnparsableInts() => HostsAnd("abc", "99999999999", "1.5", "%C3%A9");

    /// <summary>Invalid JSON bodies: the -e argument (null: no payload at all) and the diagnostic coap-client prints.</summary>
    public static TheoryData<string, string?, string> InvalidJsonBodies()
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var host in Loopback.Hosts)
        {
            data.Add(host, "not json", "4.00 Invalid 'config': 'not json' is an invalid JSON literal.");
            data.Add(host, null, "4.00 Invalid 'config': The input does not contain any JSON tokens.");
            data.Add(host, "null", "4.00 Invalid 'config': a value is required");
        }

        return data;
    }

    /// <summary>
    /// The acceptance criterion as coap-client prints it without -v (what a user sees): the
    /// arguments, the URI path, the exact stdout (payload with -o -) and the exact stderr.
    /// </summary>
    public static TheoryData<string, string[], string, string, string> AcceptanceCases()
    {
        var data = new TheoryData<string, string[], string, string, string>();
        foreach (var host in Loopback.Hosts)
        {
            data.Add(host, [], "/sensors/temp", "21.5", "");
            data.Add(host, [], "/sensors/items/42", "item 42", "");
            data.Add(host, [], "/.well-known/core?rt=temperature-c", "</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;title=\"Temperature\"", "");
            data.Add(host, ["-m", "put", "-t", "application/json", "-e", """{"name":"plain","intervalSeconds":30}"""], "/sensors/config", "", "");
            data.Add(host, [], "/sensors/items/abc", "", "4.04\n");
            data.Add(host, [], "/no/such/path", "", "4.04\n");
            data.Add(host, ["-m", "post"], "/sensors/temp", "", "4.05\n");
            data.Add(host, [], "/sensors/echo/abc", "", "4.00 Invalid 'value': 'abc' is not a valid Int32\n");
            data.Add(host, ["-m", "put", "-t", "0", "-e", """{"name":"plain","intervalSeconds":30}"""], "/sensors/config", "", "4.15\n");
        }

        return data;
    }

    public static TheoryData<string, string> JsonContentFormatArguments() => HostsAnd("50", "application/json", "json");

    public static TheoryData<string, string, string> WrongMethods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var host in Loopback.Hosts)
        {
            data.Add(host, "post", "/sensors/temp");
            data.Add(host, "delete", "/sensors/temp");
            data.Add(host, "post", "/sensors/items/5");
            data.Add(host, "put", "/sensors/echo/abc");
            data.Add(host, "delete", "/sensors/config");
            data.Add(host, "post", "/stats/hits");
            data.Add(host, "post", "/.well-known/core");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptanceCases))]
    public async Task AcceptanceCriterion_AsCoapClientPrintsIt_WithoutVerboseOutput(string host, string[] arguments, string pathAndQuery, string expectedStdout, string expectedStderr)
    {
        var result = await LibCoapClient.RunAsync(arguments, server.Uri(host, pathAndQuery));

        Assert.True(result.StdoutText == expectedStdout, result.Describe());
        Assert.True(result.Stderr == expectedStderr, result.Describe());
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task GeneratedLiteralRoute_Returns205_WithThePayloadAndContentFormat(string host)
    {
        var response = await GetAsync(host, "/sensors/temp");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.PayloadText == "21.5", response.Describe());
        Assert.Contains("Content-Format:text/plain", response.Options, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(response.Run.Stderr), response.Describe());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task GeneratedLiteralRoute_IsMatchedExactly_NotByPrefix(string host)
    {
        var temp = await GetAsync(host, "/sensors/temp");
        var fahrenheit = await GetAsync(host, "/sensors/temp-f");

        Assert.True(temp.PayloadText == "21.5", temp.Describe());
        Assert.True(fahrenheit.PayloadText == "70.7", fahrenheit.Describe());
    }

    [Theory]
    [InlineData(Loopback.V4, "42")]
    [InlineData(Loopback.V6, "42")]
    [InlineData(Loopback.V4, "0")]
    [InlineData(Loopback.V4, "-7")]
    [InlineData(Loopback.V6, "2147483647")]
    public async Task TypedRouteParameter_WithAnInt_ReachesTheAction_WithTheId(string host, string id)
    {
        var response = await GetAsync(host, $"/sensors/items/{id}");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.PayloadText == $"item {id}", response.Describe());
    }

    /// <summary>A value that fails the <c>{id:int}</c> constraint means the route does not match at all.</summary>
    [Theory]
    [MemberData(nameof(ConstraintMismatches))]
    public async Task TypedRouteParameter_FailingItsIntConstraint_Yields404_FromLibCoap(string host, string id)
    {
        var response = await GetAsync(host, $"/sensors/items/{id}");

        Assert.True(response.Code == "4.04", response.Describe());
        Assert.True(response.StderrCode == "4.04", response.Describe());
        Assert.True(response.Payload.Length == 0, response.Describe());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task UnconstrainedIntParameter_WithANumber_IsBound(string host)
    {
        var response = await GetAsync(host, "/sensors/echo/123");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.PayloadText == "123", response.Describe());
    }

    /// <summary>
    /// Without a constraint the route matches anything, and binding it to int fails: 4.00 with a
    /// diagnostic payload. coap-client prints it on stderr with unprintable bytes as '.'.
    /// </summary>
    [Theory]
    [MemberData(nameof(UnparsableInts))]
    public async Task UnconstrainedIntParameter_ThatIsNotAnInt_Yields400_WithTheDiagnosticPayload(string host, string value)
    {
        var response = await GetAsync(host, $"/sensors/echo/{value}");

        var printed = value == "%C3%A9" ? ".." : value;
        Assert.True(response.Code == "4.00", response.Describe());
        Assert.Contains("Content-Format:text/plain", response.Options, StringComparison.Ordinal);
        Assert.True(response.Run.Stderr == $"4.00 Invalid 'value': '{printed}' is not a valid Int32\n", response.Describe());
        Assert.True(response.Payload.Length == 0, $"coap-client prints an error's diagnostic on stderr, not stdout.{Environment.NewLine}{response.Describe()}");
    }

    [Theory]
    [MemberData(nameof(WrongMethods))]
    public async Task AMethodThePathHasNoRouteFor_Yields405(string host, string method, string path)
    {
        var response = await SendAsync(host, path, "-m", method);

        Assert.True(response.Code == "4.05", response.Describe());
        Assert.True(response.StderrCode == "4.05", response.Describe());
    }

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public async Task UnknownPath_Yields404(string host, string path)
    {
        var response = await GetAsync(host, path);

        Assert.True(response.Code == "4.04", response.Describe());
        Assert.True(response.StderrCode == "4.04", response.Describe());
    }

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public async Task UnknownPath_WithAnyMethod_Yields404_Not405(string host, string path)
    {
        var response = await SendAsync(host, path, "-m", "post", "-e", "x");

        Assert.True(response.Code == "4.04", response.Describe());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task JsonPayload_SentAsTextPlain_Yields415_WithoutRunningTheAction(string host)
    {
        var before = server.Store.Current;

        var response = await SendAsync(host, "/sensors/config", "-m", "put", "-t", "0", "-e", """{"name":"text","intervalSeconds":1}""");

        Assert.True(response.Code == "4.15", response.Describe());
        Assert.True(response.StderrCode == "4.15", response.Describe());
        Assert.Same(before, server.Store.Current);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task JsonPayload_WithoutAContentFormat_Yields415(string host)
    {
        var response = await SendAsync(host, "/sensors/config", "-m", "put", "-e", """{"name":"none","intervalSeconds":1}""");

        Assert.True(response.Code == "4.15", response.Describe());
    }

    [Theory]
    [MemberData(nameof(JsonContentFormatArguments))]
    public async Task JsonPayload_SentAsApplicationJson_Yields204_AndIsBoundToThePoco(string host, string contentFormat)
    {
        var name = $"cfg-{contentFormat.Replace('/', '-')}-{(host == Loopback.V6 ? "v6" : "v4")}";

        var response = await SendAsync(host, "/sensors/config", "-m", "put", "-t", contentFormat, "-e", $$"""{"name":"{{name}}","intervalSeconds":15}""");

        Assert.True(response.Code == "2.04", response.Describe());
        Assert.True(string.IsNullOrEmpty(response.Run.Stderr), response.Describe());
        Assert.Equal(new SensorConfig(name, 15), server.Store.Current);

        var read = await GetAsync(host, "/sensors/config");
        Assert.True(read.Code == "2.05", read.Describe());
        Assert.Contains("Content-Format:application/json", read.Options, StringComparison.Ordinal);
        Assert.True(read.PayloadText == $$"""{"name":"{{name}}","intervalSeconds":15}""", read.Describe());
    }

    [Theory]
    [MemberData(nameof(InvalidJsonBodies))]
    public async Task JsonPayload_ThatIsNotAnObject_Yields400_NamingTheParameter_WithoutRunningTheAction(string host, string? body, string diagnostic)
    {
        var before = server.Store.Current;

        var response = body is null
            ? await SendAsync(host, "/sensors/config", "-m", "put", "-t", "50")
            : await SendAsync(host, "/sensors/config", "-m", "put", "-t", "50", "-e", body);

        Assert.True(response.Code == "4.00", response.Describe());
        Assert.True(response.Run.Stderr.StartsWith(diagnostic, StringComparison.Ordinal), response.Describe());
        Assert.Same(before, server.Store.Current);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task JsonResult_WhenTheClientAcceptsOnlyTextPlain_Yields406(string host)
    {
        var response = await SendAsync(host, "/sensors/config", "-A", "0");

        Assert.True(response.Code == "4.06", response.Describe());
    }

    [Theory]
    [InlineData(Loopback.V4, "/sensors/%74emp", "21.5")]
    [InlineData(Loopback.V6, "/sensors/%74emp", "21.5")]
    [InlineData(Loopback.V4, "/sensors/items/%34%32", "item 42")]
    [InlineData(Loopback.V4, "/sensors/items/007", "item 7")]
    [InlineData(Loopback.V6, "/sensors/echo/+5", "5")]
    public async Task PercentEncodedAndUnusualButValidSegments_ReachTheirRoute(string host, string path, string expected)
    {
        var response = await GetAsync(host, path);

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.PayloadText == expected, response.Describe());
    }

    /// <summary>Sixteen coap-client processes at once, each with its own id, CON and NON mixed: no answer goes to the wrong request.</summary>
    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task ConcurrentClients_EachGetTheirOwnTypedParameterBack(string host)
    {
        var ids = Enumerable.Range(1000, 16).ToArray();

        var responses = await Task.WhenAll(ids.Select(id => id % 2 == 0
            ? SendAsync(host, $"/sensors/items/{id}")
            : SendAsync(host, $"/sensors/items/{id}", "-N")));

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.True(responses[i].Code == "2.05", responses[i].Describe());
            Assert.True(responses[i].PayloadText == $"item {ids[i]}", responses[i].Describe());
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task PerRequestController_IsANewInstanceForEachRequest(string host)
    {
        var first = await GetAsync(host, "/sensors/instance");
        var second = await GetAsync(host, "/sensors/instance");

        Assert.True(first.Code == "2.05" && second.Code == "2.05", first.Describe() + second.Describe());
        Assert.NotEqual(first.PayloadText, second.PayloadText);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task SingletonController_IsOneInstance_SharedByEveryRequest(string host)
    {
        var first = await GetAsync(host, "/stats/instance");
        var second = await GetAsync(host, "/stats/instance");
        var hits1 = await GetAsync(host, "/stats/hits");
        var hits2 = await GetAsync(host, "/stats/hits");

        Assert.True(first.Code == "2.05", first.Describe());
        Assert.Equal(first.PayloadText, second.PayloadText);
        Assert.Equal(long.Parse(hits1.PayloadText, System.Globalization.CultureInfo.InvariantCulture) + 1, long.Parse(hits2.PayloadText, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(Loopback.V4, "", "hello world")]
    [InlineData(Loopback.V6, "?name=libcoap", "hello libcoap")]
    [InlineData(Loopback.V4, "?other=1&name=a%20b", "hello a b")]
    public async Task SingletonAction_BindsAQueryParameter_OrItsDefault(string host, string query, string expected)
    {
        var response = await GetAsync(host, "/stats/hello" + query);

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.PayloadText == expected, response.Describe());
    }

    private Task<LibCoapResponse> GetAsync(string host, string pathAndQuery) => SendAsync(host, pathAndQuery);

    private async Task<LibCoapResponse> SendAsync(string host, string pathAndQuery, params string[] arguments)
    {
        var response = await LibCoapClient.ExchangeAsync(arguments, server.Uri(host, pathAndQuery));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
        return response;
    }
}
