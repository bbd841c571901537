using System.Net;

namespace Coap.MulticastTests;

/// <summary>
/// Resource discovery over multicast (RFC 7252 §7.2, RFC 6690 §4.1) from our client: one GET of
/// <c>coap://224.0.1.187/.well-known/core</c> reaches every server, each lists its own resources, an <c>rt</c>
/// query is answered only by the servers with a match, and the others stay silent.
/// </summary>
public sealed class DiscoveryMulticastTests(DiscoveryServers servers) : IClassFixture<DiscoveryServers>
{
    // Well past the servers' Leisure (100 ms): every answer is in by then.
    private static readonly TimeSpan s_collect = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Unfiltered_discovery_finds_every_server_with_its_own_resources()
    {
        var links = await DiscoverAsync("");

        Assert.True(links.Keys.Order().SequenceEqual(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"]), Describe(links));
        Assert.Contains("</time>", links["127.0.0.1:5683"], StringComparison.Ordinal);
        Assert.DoesNotContain("</light>", links["127.0.0.1:5683"], StringComparison.Ordinal);
        Assert.All(["127.0.0.2:5683", "127.0.0.3:5683"], lamp =>
        {
            Assert.Contains("</light>", links[lamp], StringComparison.Ordinal);
            Assert.DoesNotContain("</time>", links[lamp], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rt_light_is_answered_by_the_lamps_only_with_only_their_light()
    {
        var links = await DiscoverAsync("?rt=light");

        Assert.True(links.Keys.Order().SequenceEqual(["127.0.0.2:5683", "127.0.0.3:5683"]), Describe(links));
        Assert.All(links.Values, payload => Assert.Equal("</light>;rt=\"light\";if=\"core.a\";ct=0;title=\"Lamp\"", payload));
    }

    [Fact]
    public async Task Rt_time_is_answered_by_the_quickstart_only_with_only_its_time()
    {
        var links = await DiscoverAsync("?rt=time");

        Assert.True(links.Keys.SequenceEqual(["127.0.0.1:5683"]), Describe(links));
        Assert.StartsWith("</time>;", links["127.0.0.1:5683"], StringComparison.Ordinal);
        Assert.DoesNotContain(",", links["127.0.0.1:5683"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_type_no_server_has_brings_no_response()
    {
        var links = await DiscoverAsync("?rt=humidity-percent");

        Assert.True(links.Count == 0, Describe(links));
    }

    /// <summary>One group GET of /.well-known/core; each responding server's payload, by its endpoint.</summary>
    private static async Task<Dictionary<string, string>> DiscoverAsync(string query)
    {
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        var links = new Dictionary<string, string>();
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187/.well-known/core" + query, s_collect))
        {
            Assert.Equal(CoapCode.Content, response.Code);
            Assert.Equal(CoapContentFormat.LinkFormat, response.ContentFormat);
            // A server answering twice would show as a duplicate key and fail here.
            links.Add(response.RemoteEndPoint.ToString(), response.GetPayloadAsString());
        }

        return links;
    }

    private string Describe(Dictionary<string, string> links) =>
        $"responses: {string.Join("; ", links.Select(l => $"{l.Key} {l.Value}"))}{Environment.NewLine}{servers.Samples.Describe()}";
}
