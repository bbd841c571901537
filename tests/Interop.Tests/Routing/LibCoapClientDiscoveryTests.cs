using Coap.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Routing;

/// <summary>
/// libcoap's coap-client-notls (4.3.1) reading the /.well-known/core document (RFC 6690) the
/// generated router builds from the controllers' attributes, whole and filtered by query.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientDiscoveryTests(RoutingServerFixture server) : IClassFixture<RoutingServerFixture>
{
    private const string TempLink = "</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;title=\"Temperature\"";

    private static readonly string[] s_literalRoutes =
    [
        "/a/light", "/sensors/temp", "/sensors/temp-f", "/sensors/humidity", "/sensors/config", "/sensors/instance",
        "/stats/instance", "/stats/hits", "/stats/hello",
    ];

    public static TheoryData<string> Hosts() => [.. Loopback.Hosts];

    public static TheoryData<string, string, string[]> Filters()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var host in Loopback.Hosts)
        {
            data.Add(host, "rt=temperature-c", ["/sensors/temp"]);
            data.Add(host, "rt=temp*", ["/sensors/temp", "/sensors/temp-f"]);
            data.Add(host, "rt=*", ["/sensors/temp", "/sensors/temp-f", "/sensors/humidity", "/sensors/config", "/stats/hello"]);
            data.Add(host, "rt=sensor", ["/sensors/humidity"]);
            data.Add(host, "href=/sensors/temp*", ["/sensors/temp", "/sensors/temp-f"]);
            data.Add(host, "if=core.s", ["/sensors/temp", "/sensors/temp-f", "/sensors/humidity"]);
            data.Add(host, "href=/stats/*", ["/stats/instance", "/stats/hits", "/stats/hello"]);
            data.Add(host, "title=Temperature", ["/sensors/temp"]);
            data.Add(host, "ct=0", ["/sensors/temp"]);
            data.Add(host, "rt=temp*&if=core.s&href=/sensors/temp-f", ["/sensors/temp-f"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task WellKnownCore_IsLinkFormat_ListingEveryLiteralRoute_AndNoTemplates(string host)
    {
        var response = await GetAsync(host, "/.well-known/core");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.Contains("Content-Format:application/link-format", response.Options, StringComparison.Ordinal);
        Assert.True(response.PayloadText == server.Router.Discovery.ToString(), response.Describe());
        Assert.Equal(s_literalRoutes, Hrefs(response.PayloadText));
        Assert.Contains(TempLink, Links(response.PayloadText));
        Assert.DoesNotContain("{", response.PayloadText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task WellKnownCore_FilteredByAnExactResourceType_ReturnsOnlyThatLink(string host)
    {
        var response = await GetAsync(host, "/.well-known/core?rt=temperature-c");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.Contains("Content-Format:application/link-format", response.Options, StringComparison.Ordinal);
        Assert.True(response.PayloadText == TempLink, response.Describe());
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task WellKnownCore_FilteredByQuery_ReturnsOnlyTheMatchingLinks(string host, string query, string[] expected)
    {
        var response = await GetAsync(host, "/.well-known/core?" + query);

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(expected.SequenceEqual(Hrefs(response.PayloadText)), response.Describe());
    }

    /// <summary>Like libcoap's own coap-server: a filter that matches nothing gives 2.05 with an empty document.</summary>
    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task WellKnownCore_FilterMatchingNothing_Yields205_WithAnEmptyDocument(string host)
    {
        var response = await GetAsync(host, "/.well-known/core?rt=no-such-type");

        Assert.True(response.Code == "2.05", response.Describe());
        Assert.True(response.Payload.Length == 0, response.Describe());
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task WellKnownCore_WithAcceptOtherThanLinkFormat_Yields406(string host)
    {
        var response = await GetAsync(host, "/.well-known/core", "-A", "50");

        Assert.True(response.Code == "4.06", response.Describe());
        Assert.True(response.StderrCode == "4.06", response.Describe());
    }

    private static string[] Links(string document) =>
        document.Length == 0 ? [] : document.Split(',');

    private static string[] Hrefs(string document) =>
        [.. Links(document).Select(l => l[1..l.IndexOf('>', StringComparison.Ordinal)])];

    private async Task<LibCoapResponse> GetAsync(string host, string pathAndQuery, params string[] arguments)
    {
        var response = await LibCoapClient.ExchangeAsync(arguments, server.Uri(host, pathAndQuery));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
        return response;
    }
}
