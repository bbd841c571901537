using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Coap.TestUtilities;

namespace Coap.FunctionalTests;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task PortInUse_FailsStartWithTheEndpointNamed()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        var options = new CoapServerOptions();
        options.Endpoints.Add($"coap://127.0.0.1:{port}");
        await using var server = new CoapServer(EchoHandler.Create(), options);

        var error = await Assert.ThrowsAsync<CoapException>(() => server.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddressAlreadyInUse", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5683")]
    [InlineData("coap://127.0.0.1:99999")]
    [InlineData("coap://example.com:5683")]
    [InlineData("coap://127.0.0.1:5683/path")]
    public async Task InvalidEndpointUrl_FailsStartWithAClearMessage(string url)
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add(url);
        await using var server = new CoapServer(EchoHandler.Create(), options);

        var error = await Assert.ThrowsAsync<FormatException>(() => server.StartAsync());

        Assert.Contains(url.Split('/')[2].Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitIpv4AndIpv6Endpoints_BothServe()
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        options.Endpoints.Add("coap://[::1]:0");
        await using var server = new CoapServer(EchoHandler.Create(), options);
        await server.StartAsync();
        await using var client = new CoapClient();

        Assert.Equal(AddressFamily.InterNetwork, server.LocalEndPoints[0].AddressFamily);
        Assert.Equal(AddressFamily.InterNetworkV6, server.LocalEndPoints[1].AddressFamily);
        var v4 = await client.GetAsync($"coap://127.0.0.1:{server.LocalEndPoints[0].Port}/");
        var v6 = await client.GetAsync($"coap://[::1]:{server.LocalEndPoints[1].Port}/");
        Assert.Equal(CoapCode.Content, v4.Code);
        Assert.Equal(CoapCode.Content, v6.Code);
    }

    [Fact]
    public async Task PacketInformation_ReportsTheDestinationAddress()
    {
        IPAddress? seen = null;
        var options = new CoapServerOptions { Udp = { ReceivePacketInformation = true } };
        options.Endpoints.Add("coap://[::]:0");
        await using var server = new CoapServer(DelegateHandler.Sync(c => seen = c.LocalAddress), options);
        await server.StartAsync();
        await using var client = new CoapClient();

        var response = await client.GetAsync($"coap://127.0.0.1:{server.LocalEndPoints[0].Port}/");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.NotNull(seen);
        Assert.Equal(IPAddress.Loopback, seen!.IsIPv4MappedToIPv6 ? seen.MapToIPv4() : seen);
    }

    [Fact]
    public async Task Stop_WaitsForInFlightHandlers_ThenClosesTheSocket()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        var server = new CoapServer(
            new DelegateHandler(async c =>
            {
                entered.SetResult();
                await release.Task;
                c.Response.WritePayload("done"u8);
            }),
            options);
        await server.StartAsync();
        var port = server.LocalEndPoints[0].Port;
        await using var client = new CoapClient();

        var pending = client.GetAsync($"coap://127.0.0.1:{port}/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = server.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("done", (await pending.WaitAsync(TimeSpan.FromSeconds(10))).GetPayloadAsString());
        Assert.Empty(server.LocalEndPoints);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Counters_OnTheCoapMeter_CountDatagramsAndRequestsByCode()
    {
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Coap")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"[{tag.Value}]";
            }

            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        await using var server = new CoapServer(EchoHandler.Create(), options);
        await server.StartAsync();
        await using var client = new CoapClient();

        await client.GetAsync($"coap://127.0.0.1:{server.LocalEndPoints[0].Port}/");
        await client.GetAsync($"coap://127.0.0.1:{server.LocalEndPoints[0].Port}/missing");

        // The server counts a datagram after the send call returns, which may be after the client
        // already has the response: wait for the counters instead of reading them once.
        string[] expected =
        [
            "coap.datagrams.received", "coap.datagrams.sent", "coap.requests[0.01]", "coap.responses[2.05]",
            "coap.responses[4.04]",
        ];
        long[] minimum = [4, 4, 2, 1, 1];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            string? missing = null;
            lock (counts)
            {
                for (var i = 0; i < expected.Length && missing is null; i++)
                {
                    if (counts.GetValueOrDefault(expected[i]) < minimum[i])
                    {
                        missing = $"{expected[i]} = {counts.GetValueOrDefault(expected[i])}, expected >= {minimum[i]}";
                    }
                }
            }

            if (missing is null)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, missing);
            await Task.Delay(10);
        }
    }
}
