using System.Net;

namespace Coap.MulticastTests;

/// <summary>libcoap 4.3.1 and Coap in one CoAP group, over real multicast inside the namespace.</summary>
public sealed class LibCoapInteropTests
{
    public LibCoapInteropTests() => NetworkNamespace.Require();

    [Fact]
    public async Task libcoap_client_multicast_GET_lists_the_response_of_each_of_our_three_servers()
    {
        await using var members = await GroupMembers.StartNamedAsync();

        // -N: a group request is NON. -B: libcoap keeps listening that long for every response (well past our 100 ms Leisure).
        // -w: a newline after each response's payload, one line per response.
        var (exitCode, stdout, stderr) = await LibCoapTool.RunAsync(
            LibCoapTool.Client, ["-N", "-B", "2", "-w", "-a", "127.0.0.1", "coap://224.0.1.187/who"], TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, $"coap-client-notls exited with {exitCode}: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["member 127.0.0.1", "member 127.0.0.2", "member 127.0.0.3"], lines.Order());
    }

    [Fact]
    public async Task libcoap_client_IPv6_group_GET_with_a_zone_in_Uri_Host_reaches_our_members_on_both_ends_of_the_link()
    {
        // libcoap puts the zone it sent with into Uri-Host ("ff02::fd%veth0"); members must still see their group named.
        await using var members = await GroupMembers.StartAsync(
            address => Coap.TestUtilities.DelegateHandler.Sync(c => c.Response.WritePayload($"member {address}")),
            options =>
            {
                options.Groups.Members.Clear();
                options.Groups.Members["all-coap-nodes-v6"] = new CoapGroupEntry
                {
                    Uri = "coap://[ff02::fd]",
                    Interfaces = { options.Endpoints[0].Contains("fd01::2", StringComparison.Ordinal) ? "veth1" : "veth0" },
                };
            },
            ["[fd01::1]", "[fd01::2]", "[fd01::3]"]);

        var (exitCode, stdout, stderr) = await LibCoapTool.RunAsync(
            LibCoapTool.Client, ["-N", "-B", "2", "-w", "-a", "fd01::2", "coap://[ff02::fd%veth0]/who"], TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, $"coap-client-notls exited with {exitCode}: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["member [fd01::1]", "member [fd01::2]", "member [fd01::3]"], lines.Order());
    }

    [Fact]
    public async Task Our_group_client_collects_the_response_of_each_of_three_libcoap_servers()
    {
        await using var hosts = await LibCoapGroupHosts.StartAsync(3);
        // Bound to the bridge's address, so the kernel sends the group request out of the bridge, to the three namespaces.
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(LibCoapGroupHosts.HostAddress, 0) });

        var responses = new List<CoapResponse>();
        // libcoap waits a random Leisure of up to 5 s (its default) before it answers a multicast request.
        await foreach (var response in client.SendToGroupAsync("coap://224.0.1.187/", TimeSpan.FromSeconds(7)))
        {
            responses.Add(response);
        }

        Assert.Equal(hosts.Addresses.Select(a => a.ToString()).Order(), responses.Select(r => r.RemoteEndPoint.Address.ToString()).Order());
        Assert.All(responses, r =>
        {
            Assert.Equal(CoapCode.Content, r.Code);
            Assert.Equal(5683, r.RemoteEndPoint.Port);
            Assert.Contains("libcoap", r.GetPayloadAsString(), StringComparison.Ordinal);
        });
    }
}
