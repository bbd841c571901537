using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>A group that cannot be joined fails loudly, naming the group and the interface.</summary>
public sealed class GroupJoinErrorTests
{
    public GroupJoinErrorTests() => NetworkNamespace.Require();

    [Fact]
    public void Joining_on_a_missing_interface_names_the_group_the_interface_and_what_exists()
    {
        var error = Assert.Throws<CoapException>(() => GroupSockets.Create("127.0.0.1:5683", m =>
        {
            m.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv4));
            m.Interfaces.Add("nosuch0");
        }));

        Assert.Contains("224.0.1.187:5683", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nosuch0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("veth0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_with_a_group_on_a_missing_interface_does_not_start()
    {
        var options = new CoapServerOptions { Endpoints = { "coap://127.0.0.1:5683" } };
        options.Udp.Multicast.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv6LinkLocal) { Interfaces = { "nosuch0" } });
        options.Udp.Multicast.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv4) { Interfaces = { "nosuch0" } });
        await using var server = new CoapServer(EchoHandler.Create(), options);

        var error = await Assert.ThrowsAsync<CoapException>(() => server.StartAsync());

        Assert.Contains("224.0.1.187:5683", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nosuch0'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", 5683, "not an IPv4 or IPv6 multicast address")]
    [InlineData("group.example", 5683, "not an IPv4 or IPv6 multicast address")]
    [InlineData("ff02::fd%1", 5683, "not an IPv4 or IPv6 multicast address")]
    [InlineData("224.0.1.187", 5684, "port 5684 cannot be used")]
    public void A_group_entry_that_is_not_a_usable_group_is_refused(string address, int port, string expected)
    {
        var error = Assert.Throws<CoapException>(() => GroupSockets.Create("127.0.0.1:0", m => m.Groups.Add(new CoapMulticastGroup(address, port))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_outgoing_interface_is_refused()
    {
        var error = Assert.Throws<CoapException>(() => GroupSockets.Create("[::]:0", m => m.OutgoingInterface = "nosuch0"));

        Assert.Contains("'nosuch0'", error.Message, StringComparison.Ordinal);
    }
}
