namespace Coap.FunctionalTests.Oscore;

/// <summary>Protected requests and responses over real UDP on loopback (RFC 8613 §8).</summary>
public sealed class OscoreRequestResponseTests
{
    [Fact]
    public async Task ProtectedGet_IsDecryptedForTheHandler_AndTheResponseForTheClient()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port())));

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/hello/1?first=1");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal("Hello World! (b)", response.GetPayloadAsString());
        Assert.Equal((ushort)CoapContentFormat.TextPlain, response.ContentFormat);
        Assert.False(response.Options.Contains(CoapOptionNumber.Oscore));
    }

    [Fact]
    public async Task UnprotectedRequest_ReachesTheHandlerWithoutIdentity()
    {
        await using var server = await OscorePeers.StartServerAsync(OscorePeers.Hello());
        await using var client = new CoapClient();

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/hello/coap");

        Assert.Equal("Hello World! (unprotected)", response.GetPayloadAsString());
    }

    [Fact]
    public async Task ManyProtectedRequests_EachVerifyUnderANewPartialIv()
    {
        await using var server = await OscorePeers.StartServerAsync(OscorePeers.Hello());
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port())));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetAsync($"coap://127.0.0.1:{server.Port()}/r/{i}")));

        Assert.All(responses, r => Assert.Equal("Hello World! (b)", r.GetPayloadAsString()));
    }

    [Fact]
    public async Task IdContext_SelectsTheMatchingServerContext()
    {
        await using var server = await OscorePeers.StartServerAsync(OscorePeers.Hello(), s => s.Contexts.Add(OscorePeers.Server("d", "37cbf3210017a2d3")));
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port(), "c", "37cbf3210017a2d3")));

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/hello/1");

        Assert.Equal("Hello World! (d)", response.GetPayloadAsString());
    }
}
