using System.Net;
using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>Joining and leaving CoAP groups while the server runs (groupcomm-bis §2.2.4, GC-DISC-01), over real multicast.</summary>
public sealed class GroupMembershipTests
{
    private static readonly CoapGroupEntry AllCoapNodesOnLo = new() { Uri = "coap://224.0.1.187", Interfaces = { "lo" } };

    public GroupMembershipTests() => NetworkNamespace.Require();

    [Fact]
    public async Task A_server_answers_a_group_only_between_joining_and_leaving_it()
    {
        await using var server = await StartAsync("coap://127.0.0.2:5683");
        await using var client = Client();
        Assert.Empty(await GetAsync(client));

        server.JoinGroup("all", AllCoapNodesOnLo);
        var answered = await GetAsync(client);
        Assert.Equal("127.0.0.2:5683", Assert.Single(answered).RemoteEndPoint.ToString());
        Assert.Equal(["all"], server.GroupNames);

        Assert.True(server.LeaveGroup("all"));
        Assert.Empty(await GetAsync(client));
        Assert.False(server.LeaveGroup("all"));
        Assert.Empty(server.GroupNames);
    }

    [Fact]
    public async Task A_group_from_configuration_can_be_left_and_joined_again()
    {
        var options = Options("coap://127.0.0.3:5683");
        options.Groups.Members["all"] = AllCoapNodesOnLo;
        await using var server = new CoapServer(DelegateHandler.Sync(c => c.Response.WritePayload("here")), options);
        await server.StartAsync();
        await using var client = Client();
        Assert.Single(await GetAsync(client));

        Assert.True(server.LeaveGroup("all"));
        Assert.Empty(await GetAsync(client));
        server.JoinGroup("all", AllCoapNodesOnLo);
        Assert.Single(await GetAsync(client));
    }

    [Fact]
    public async Task Joining_twice_by_name_or_by_address_is_refused_and_a_stopped_server_cannot_join()
    {
        var server = await StartAsync("coap://127.0.0.2:5683");
        server.JoinGroup("all", AllCoapNodesOnLo);

        Assert.Throws<InvalidOperationException>(() => server.JoinGroup("all", new CoapGroupEntry { Uri = "coap://224.0.1.188", Interfaces = { "lo" } }));
        var same = Assert.Throws<InvalidOperationException>(() => server.JoinGroup("again", AllCoapNodesOnLo));
        Assert.Contains("'all'", same.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => server.JoinGroup("bad", new CoapGroupEntry { Uri = "coap://127.0.0.9" }));

        await server.DisposeAsync();
        Assert.Throws<InvalidOperationException>(() => server.JoinGroup("late", AllCoapNodesOnLo));

        // Joined at the transport level (Coap:Udp:Multicast:Groups) counts too: a second socket would answer twice.
        var options = Options("coap://127.0.0.3:5683");
        options.Udp.Multicast.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv4) { Interfaces = { "lo" } });
        await using var transportLevel = new CoapServer(DelegateHandler.Sync(c => c.Response.WritePayload("here")), options);
        await transportLevel.StartAsync();
        var twice = Assert.Throws<CoapException>(() => transportLevel.JoinGroup("all", AllCoapNodesOnLo));
        Assert.Contains("already", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wildcard_endpoint_joins_on_its_own_port_only_when_it_shares_the_port()
    {
        await using (var closed = await StartAsync("coap://0.0.0.0:5683"))
        {
            var error = Assert.Throws<CoapException>(() => closed.JoinGroup("all", AllCoapNodesOnLo));
            Assert.Contains("224.0.1.187:5683", error.Message, StringComparison.Ordinal);
            Assert.Contains("SO_REUSEADDR", error.Message, StringComparison.Ordinal);
        }

        var options = Options("coap://0.0.0.0:5683");
        options.Udp.Multicast.SharePort = true;
        await using var shared = new CoapServer(DelegateHandler.Sync(c => c.Response.WritePayload("here")), options);
        await shared.StartAsync();
        await using var client = Client();

        shared.JoinGroup("all", AllCoapNodesOnLo);

        Assert.Single(await GetAsync(client));
    }

    [Fact]
    public async Task Application_groups_joined_at_run_time_decide_which_gp_requests_are_answered()
    {
        var options = Options("coap://127.0.0.2:5683");
        options.Groups.Members["all"] = AllCoapNodesOnLo;
        await using var server = new CoapServer(DelegateHandler.Sync(c => c.Response.WritePayload($"{c.GetPath()} in {c.ApplicationGroup ?? "-"}")), options);
        await server.StartAsync();
        await using var client = Client();

        // In no application group, /gp/… is an ordinary path.
        Assert.Equal("/gp/garage/who in -", Assert.Single(await GetAsync(client, "/gp/garage/who")).GetPayloadAsString());

        Assert.True(server.JoinApplicationGroup("kitchen"));
        Assert.False(server.JoinApplicationGroup("kitchen"));
        Assert.Equal(["kitchen"], server.ApplicationGroupNames);
        Assert.Empty(await GetAsync(client, "/gp/garage/who"));
        Assert.Equal("/who in kitchen", Assert.Single(await GetAsync(client, "/gp/kitchen/who")).GetPayloadAsString());

        Assert.True(server.LeaveApplicationGroup("kitchen"));
        Assert.Empty(server.ApplicationGroupNames);
        Assert.Single(await GetAsync(client, "/gp/garage/who"));
    }

    private static CoapServerOptions Options(string endpoint)
    {
        var options = new CoapServerOptions { Endpoints = { endpoint } };
        options.Groups.Leisure = TimeSpan.FromMilliseconds(100);
        return options;
    }

    private static async Task<CoapServer> StartAsync(string endpoint)
    {
        var server = new CoapServer(DelegateHandler.Sync(c => c.Response.WritePayload("here")), Options(endpoint));
        await server.StartAsync();
        return server;
    }

    // Silence is part of these tests: a probing rate of 1 byte/s would hold each next request back for its size in seconds.
    private static CoapClient Client() => new(new CoapClientOptions
    {
        LocalEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0),
        Group = { ProbingRate = 100_000 },
    });

    private static async Task<List<CoapResponse>> GetAsync(CoapClient client, string path = "/who")
    {
        var responses = new List<CoapResponse>();
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187" + path, TimeSpan.FromSeconds(1)))
        {
            responses.Add(response);
        }

        return responses;
    }
}
