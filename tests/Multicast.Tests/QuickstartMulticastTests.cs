using System.Globalization;
using System.Net;

namespace Coap.MulticastTests;

/// <summary>
/// The issue's acceptance check: three quickstarts started with <c>--multicast</c> join All CoAP Nodes, and one
/// multicast GET of <c>/.well-known/core</c> (or of <c>/time</c>, which opts in) brings one response from each.
/// </summary>
public sealed class QuickstartMulticastTests(QuickstartGroup group) : IClassFixture<QuickstartGroup>
{
    // Well past the servers' Leisure (100 ms): every answer is in by then.
    private static readonly TimeSpan s_collect = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task One_group_GET_of_well_known_core_brings_three_responses_each_listing_time()
    {
        var responses = await SendToAllCoapNodesAsync("/.well-known/core");

        Assert.True(
            responses.Select(r => r.RemoteEndPoint.ToString()).Order().SequenceEqual(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"]),
            Describe(responses));
        Assert.All(responses, r => Assert.Equal(CoapContentFormat.LinkFormat, r.ContentFormat));
        Assert.All(responses, r => Assert.Contains("</time>;rt=\"time\"", r.GetPayloadAsString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_group_GET_of_time_brings_the_time_from_each_quickstart()
    {
        var responses = await SendToAllCoapNodesAsync("/time");

        Assert.True(
            responses.Select(r => r.RemoteEndPoint.ToString()).Order().SequenceEqual(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"]),
            Describe(responses));
        Assert.All(responses, r => Assert.True(
            DateTime.TryParseExact(r.GetPayloadAsString(), "MMM dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            r.GetPayloadAsString()));
    }

    [Fact]
    public async Task Resources_without_Multicast_stay_silent_to_the_group()
    {
        // GET /sensors/temp is not marked [Multicast]: no quickstart answers it through the group.
        var responses = await SendToAllCoapNodesAsync("/sensors/temp");

        Assert.True(responses.Count == 0, Describe(responses));
    }

    private static async Task<List<CoapResponse>> SendToAllCoapNodesAsync(string path)
    {
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187" + path, s_collect))
        {
            responses.Add(response);
        }

        return responses;
    }

    private string Describe(List<CoapResponse> responses) =>
        $"responses: {string.Join("; ", responses.Select(r => $"{r.RemoteEndPoint} {r.Code} {r.GetPayloadAsString()}"))}{Environment.NewLine}{group.Samples.Describe()}";
}
