using System.Net;
using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>Our group client against three of our servers, over real multicast in the namespace.</summary>
public sealed class GroupClientTests
{
    public GroupClientTests() => NetworkNamespace.Require();

    [Fact]
    public async Task IPv4_group_GET_yields_one_response_from_each_of_three_servers()
    {
        await using var servers = await StartServersAsync(
            [("127.0.0.1", "lo"), ("127.0.0.2", "lo"), ("127.0.0.3", "lo")], CoapMulticastOptions.AllCoapNodesIPv4);
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0) });

        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187/who", TimeSpan.FromSeconds(2)))
        {
            responses.Add(response);
        }

        Assert.Equal(["127.0.0.1:5683", "127.0.0.2:5683", "127.0.0.3:5683"], responses.Select(r => r.RemoteEndPoint.ToString()).Order());
        Assert.All(responses, r => Assert.Equal($"member {r.RemoteEndPoint.Address}", r.GetPayloadAsString()));
    }

    [Fact]
    public async Task IPv6_group_GET_to_ff02_fd_reaches_members_on_both_ends_of_the_link()
    {
        await using var servers = await StartServersAsync(
            [("fd01::1", "veth0"), ("fd01::2", "veth1"), ("fd01::3", "veth0")], CoapMulticastOptions.AllCoapNodesIPv6LinkLocal);
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Parse("fd01::2"), 0) });

        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync("coap://[ff02::fd%25veth0]/who", TimeSpan.FromSeconds(2)))
        {
            responses.Add(response);
        }

        Assert.Equal(["fd01::1", "fd01::2", "fd01::3"], responses.Select(r => r.RemoteEndPoint.Address.ToString()).Order());
    }

    [Fact]
    public async Task A_second_group_request_from_one_client_goes_out_only_after_the_first_ended_nstart_one()
    {
        // When each request reached each member, by the process's monotonic clock.
        var arrivals = new System.Collections.Concurrent.ConcurrentBag<(string Path, long At)>();
        var handler = DelegateHandler.Sync(c =>
        {
            var path = c.GetPath();
            arrivals.Add((path, System.Diagnostics.Stopwatch.GetTimestamp()));
            c.Response.WritePayload(path);
        });
        await using var servers = await StartServersAsync(
            [("127.0.0.1", "lo"), ("127.0.0.2", "lo"), ("127.0.0.3", "lo")], CoapMulticastOptions.AllCoapNodesIPv4, handler);
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0) });

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var first = CollectAsync(client.SendToGroupAsync("coap://224.0.1.187/first", TimeSpan.FromSeconds(1)));
        var second = CollectAsync(client.SendToGroupAsync("coap://224.0.1.187/second", TimeSpan.FromSeconds(1)));
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(3, r.Count));
        Assert.Equal(["/first", "/second"], results.Select(r => r.Select(x => x.GetPayloadAsString()).Distinct().Single()));
        // A lower bound the client guarantees, so load cannot break it: the second left only after the first had
        // collected for its full second. Without NSTART it would arrive with the first (or at the first answer).
        var firstSecond = arrivals.Where(a => a.Path == "/second").Min(a => a.At);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started, firstSecond) >= TimeSpan.FromSeconds(1), "the second group request went out while the first was open");
    }

    private static async Task<List<CoapResponse>> CollectAsync(IAsyncEnumerable<CoapResponse> responses)
    {
        var list = new List<CoapResponse>();
        await foreach (var response in responses)
        {
            list.Add(response);
        }

        return list;
    }

    private static async Task<ServerSet> StartServersAsync((string Address, string Interface)[] members, string group, ICoapRequestHandler? handler = null)
    {
        var set = new ServerSet();
        foreach (var (address, name) in members)
        {
            var literal = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
            var options = new CoapServerOptions { Endpoints = { $"coap://{literal}:5683" } };
            options.Groups.Leisure = TimeSpan.FromMilliseconds(100);
            options.Groups.Members["all"] = new CoapGroupEntry { Uri = group.Contains(':', StringComparison.Ordinal) ? $"coap://[{group}]" : $"coap://{group}", Interfaces = { name } };
            var server = new CoapServer(handler ?? DelegateHandler.Sync(c => c.Response.WritePayload($"member {address}")), options);
            set.Servers.Add(server);
            await server.StartAsync();
        }

        return set;
    }

    private sealed class ServerSet : IAsyncDisposable
    {
        public List<CoapServer> Servers { get; } = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var server in Servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
