using System.Net;
using System.Text;
using Coap.TestUtilities;

namespace Coap.FunctionalTests;

public sealed class UdpRoundTripTests
{
    [Fact]
    public async Task Get_OverLoopback_ReturnsPiggybackedContent()
    {
        await using var server = await StartServerAsync(EchoHandler.Create());
        await using var client = new CoapClient();
        var port = server.LocalEndPoints[0].Port;

        var response = await client.GetAsync($"coap://127.0.0.1:{port}/", CancellationToken.None);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(CoapMessageType.Acknowledgement, response.Type);
        Assert.Equal("Coap test server", response.GetPayloadAsString());
        Assert.Equal(IPAddress.Loopback, response.RemoteEndPoint.Address.IsIPv4MappedToIPv6 ? response.RemoteEndPoint.Address.MapToIPv4() : response.RemoteEndPoint.Address);
    }

    [Theory]
    [InlineData("POST", "2.01")]
    [InlineData("PUT", "2.04")]
    [InlineData("DELETE", "2.02")]
    [InlineData("FETCH", "2.05")]
    [InlineData("PATCH", "2.05")]
    [InlineData("iPATCH", "2.05")]
    public async Task EveryMethod_Con_And_Non_RoundTrips(string method, string expectedCode)
    {
        await using var server = await StartServerAsync(EchoHandler.Create());
        await using var client = new CoapClient();
        var uri = $"coap://[::1]:{server.LocalEndPoints[0].Port}/echo";
        var code = method switch
        {
            "POST" => CoapCode.Post,
            "PUT" => CoapCode.Put,
            "DELETE" => CoapCode.Delete,
            "FETCH" => CoapCode.Fetch,
            "PATCH" => CoapCode.Patch,
            _ => CoapCode.IPatch,
        };

        foreach (var type in new[] { CoapMessageType.Confirmable, CoapMessageType.NonConfirmable })
        {
            var request = new CoapRequest(code, uri) { Type = type }.WithPayload(Encoding.UTF8.GetBytes("hello"), CoapContentFormat.TextPlain);
            var response = await client.SendAsync(request, CancellationToken.None);
            Assert.Equal(expectedCode, response.Code.ToString());
            Assert.Equal($"{code.Name} /echo hello", response.GetPayloadAsString());
            Assert.Equal(type == CoapMessageType.Confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable, response.Type);
        }
    }

    private static async Task<CoapServer> StartServerAsync(ICoapRequestHandler handler)
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://[::]:0");
        var server = new CoapServer(handler, options);
        await server.StartAsync();
        return server;
    }
}
