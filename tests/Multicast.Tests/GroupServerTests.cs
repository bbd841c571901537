using System.Net;
using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>Real servers with group sockets: one group request, one unicast response from each.</summary>
public sealed class GroupServerTests
{
    // NON GET "/" with token 0xAB, MID 0x1234.
    private static readonly byte[] s_nonGet = [0x51, 0x01, 0x12, 0x34, 0xAB];

    public GroupServerTests() => NetworkNamespace.Require();

    [Fact]
    public async Task Three_servers_on_three_loopback_addresses_answer_one_group_request_from_their_unicast_addresses()
    {
        var servers = new List<CoapServer>();
        try
        {
            foreach (var address in new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" })
            {
                var options = new CoapServerOptions { Endpoints = { $"coap://{address}:5683" } };
                options.Groups.Leisure = TimeSpan.FromMilliseconds(100);
                options.Udp.Multicast.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv4) { Interfaces = { "lo" } });
                var server = new CoapServer(EchoHandler.Create(), options);
                servers.Add(server);
                await server.StartAsync();
            }

            await using var client = GroupSockets.Create("127.0.0.1:0");
            var responses = new RecordingReceiver();
            client.Start(responses);

            client.Send(s_nonGet, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));

            var sources = new HashSet<IPEndPoint>();
            for (var i = 0; i < 3; i++)
            {
                var response = await responses.NextAsync();
                Assert.Equal(0x45, response.Payload[1]); // 2.05 Content
                Assert.Equal(0xAB, response.Payload[4]);
                sources.Add(response.Source);
            }

            Assert.Equal(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"], sources.Select(s => s.ToString()).Order());
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Groups_from_Coap_Groups_are_joined_once_per_server_even_with_two_endpoints()
    {
        var servers = new List<CoapServer>();
        try
        {
            foreach (var address in new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" })
            {
                // Two endpoints that could both receive IPv4: only the first joins, so each server answers once.
                var options = new CoapServerOptions { Endpoints = { $"coap://{address}:5683", $"coap://{address}:5690" } };
                options.Groups.Leisure = TimeSpan.FromMilliseconds(100);
                options.Groups.Members["all-coap-nodes"] = new CoapGroupEntry { Uri = "coap://224.0.1.187", Interfaces = { "lo" } };
                var server = new CoapServer(EchoHandler.Create(), options);
                servers.Add(server);
                await server.StartAsync();
            }

            await using var client = GroupSockets.Create("127.0.0.1:0");
            var responses = new RecordingReceiver();
            client.Start(responses);

            client.Send(s_nonGet, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));

            var sources = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                sources.Add((await responses.NextAsync()).Source.ToString());
            }

            Assert.Equal(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"], sources.Order());
            // A second join would show as a fourth response within Leisure; none may come.
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            Assert.Equal(0, responses.Pending);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
