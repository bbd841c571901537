using System.Globalization;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>node-coap (node/client.js) as the client, our <see cref="CoapServer"/> with the echo handler as the server.</summary>
[Trait("Category", "Interop")]
public sealed class NodeCoapClientToCoapServerTests
{
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task GetTime_ReturnsTheTimeAsText_PiggybackedOnTheAck(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var response = await NodeCoapClient.SendAsync("GET", server.Uri(host, "/time"));

        Assert.Equal("2.05", response.Code);
        Assert.Equal("ACK", response.Type);
        Assert.True(DateTime.TryParseExact(response.Payload, "MMM dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), response.Payload);
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task PutEcho_Returns204Changed_WithTheMethodPathAndPayload(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var response = await NodeCoapClient.SendAsync("PUT", server.Uri(host, "/echo"), "hello from node-coap");

        Assert.Equal("2.04", response.Code);
        Assert.Equal("ACK", response.Type);
        Assert.Equal("PUT /echo hello from node-coap", response.Payload);
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task NonConfirmableGet_IsAnsweredWithANonConfirmableResponse(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var response = await NodeCoapClient.SendAsync("GET", server.Uri(host, "/"), confirmable: false);

        Assert.Equal("2.05", response.Code);
        Assert.Equal("NON", response.Type);
        Assert.Equal("Coap test server", response.Payload);
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task PostEcho_NonConfirmable_Returns201Created(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var response = await NodeCoapClient.SendAsync("POST", server.Uri(host, "/echo"), "n", confirmable: false);

        Assert.Equal("2.01", response.Code);
        Assert.Equal("NON", response.Type);
        Assert.Equal("POST /echo n", response.Payload);
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task UnknownPath_Yields404NotFound(string host)
    {
        await using var server = await EchoServer.StartAsync();

        var response = await NodeCoapClient.SendAsync("DELETE", server.Uri(host, "/missing"));

        Assert.Equal("4.04", response.Code);
        Assert.Equal(string.Empty, response.Payload);
    }
}
