using System.Net;
using System.Text;

namespace Coap.MulticastTests;

/// <summary>Several members on one host each receive a group's datagrams once, and answer by unicast.</summary>
public sealed class GroupReceiveTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _disposables = [];

    public GroupReceiveTests() => NetworkNamespace.Require();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task Three_IPv4_members_on_lo_each_receive_the_group_datagram_and_answer_from_their_own_address()
    {
        var members = new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" }
            .Select(address => Track(GroupSockets.Member($"{address}:5683", CoapMulticastOptions.AllCoapNodesIPv4, "lo", address)))
            .ToList();
        var (client, responses) = Track(Sender("[::]:0", m => m.OutgoingInterface = "lo"));

        client.Send("first"u8, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));
        client.Send("second"u8, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));

        var loIndex = GroupSockets.IndexOf("lo");
        foreach (var (_, receiver) in members)
        {
            // Twice "first" would mean the member got the datagram on two sockets; the socket keeps order.
            foreach (var expected in new[] { "first", "second" })
            {
                var received = await receiver.NextAsync();
                Assert.Equal(expected, Encoding.ASCII.GetString(received.Payload));
                Assert.True(received.IsMulticast);
                Assert.Equal(GroupSockets.AllCoapNodesIPv4, received.LocalAddress);
                Assert.Equal(loIndex, received.InterfaceIndex);
                Assert.Equal(client.LocalEndPoint.Port, received.Source.Port);
            }
        }

        var sources = new List<IPEndPoint>();
        for (var i = 0; i < 6; i++)
        {
            var response = await responses.NextAsync();
            Assert.False(response.IsMulticast);
            Assert.Equal(response.Source.Address.MapToIPv4().ToString(), Encoding.ASCII.GetString(response.Payload));
            Assert.Equal(5683, response.Source.Port);
            sources.Add(response.Source);
        }

        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], sources.Select(s => s.Address.MapToIPv4().ToString()).Distinct().Order());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IPv6_members_on_both_ends_of_a_veth_pair_receive_ff02_fd_and_answer_by_unicast(bool scopeInDestination)
    {
        var members = new[] { ("fd01::1", "veth0"), ("fd01::2", "veth1"), ("fd01::3", "veth0") }
            .Select(m => Track(GroupSockets.Member($"[{m.Item1}]:5683", CoapMulticastOptions.AllCoapNodesIPv6LinkLocal, m.Item2, m.Item1)))
            .ToList();
        var (client, responses) = Track(Sender("[fd01::2]:0", m => m.OutgoingInterface = scopeInDestination ? null : "veth0"));
        var veth0 = GroupSockets.IndexOf("veth0");
        var veth1 = GroupSockets.IndexOf("veth1");
        var destination = scopeInDestination
            ? new IPAddress(GroupSockets.AllCoapNodesIPv6.GetAddressBytes(), veth0)
            : GroupSockets.AllCoapNodesIPv6;

        client.Send("hello"u8, GroupSockets.To(destination));
        client.Send("again"u8, GroupSockets.To(destination));

        // Out through veth0: the members on veth1 get it over the wire, those on veth0 by multicast loopback.
        var expectedInterfaces = new[] { veth0, veth1, veth0 };
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var expected in new[] { "hello", "again" })
            {
                var received = await members[i].Receiver.NextAsync();
                Assert.Equal(expected, Encoding.ASCII.GetString(received.Payload));
                Assert.True(received.IsMulticast);
                Assert.Equal(GroupSockets.AllCoapNodesIPv6, received.LocalAddress);
                Assert.Equal(expectedInterfaces[i], received.InterfaceIndex);
                Assert.Equal(client.LocalEndPoint, received.Source);
            }
        }

        var sources = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await responses.NextAsync();
            Assert.Equal(response.Source.Address.ToString(), Encoding.ASCII.GetString(response.Payload));
            sources.Add(response.Source.ToString());
        }

        Assert.Equal(["[fd01::1]:5683", "[fd01::2]:5683", "[fd01::3]:5683"], sources.Order());
    }

    [Fact]
    public async Task A_wildcard_endpoint_on_the_group_port_gets_group_datagrams_once_through_its_group_socket()
    {
        var transport = GroupSockets.Create("[::]:5683", m =>
        {
            m.Groups.Add(new CoapMulticastGroup(CoapMulticastOptions.AllCoapNodesIPv4));
            m.Interfaces.Add("lo");
        });
        var receiver = new RecordingReceiver();
        transport.Start(receiver);
        Track((transport, receiver));
        var (client, _) = Track(Sender("127.0.0.1:0", _ => { }));

        client.Send("group"u8, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));
        client.Send("unicast"u8, GroupSockets.To(IPAddress.Loopback));

        // The unicast socket keeps order: a copy of "group" on it would arrive before "unicast".
        var seen = new List<ReceivedDatagram> { await receiver.NextAsync(), await receiver.NextAsync() };
        Assert.Single(seen, d => d.IsMulticast && Encoding.ASCII.GetString(d.Payload) == "group");
        Assert.Single(seen, d => !d.IsMulticast && Encoding.ASCII.GetString(d.Payload) == "unicast");
        Assert.Equal(0, receiver.Pending);
    }

    private static (Transport.Udp.UdpTransport Transport, RecordingReceiver Receiver) Sender(string localEndPoint, Action<CoapMulticastOptions> multicast)
    {
        var transport = GroupSockets.Create(localEndPoint, multicast);
        var receiver = new RecordingReceiver();
        transport.Start(receiver);
        return (transport, receiver);
    }

    private (Transport.Udp.UdpTransport Transport, RecordingReceiver Receiver) Track((Transport.Udp.UdpTransport Transport, RecordingReceiver Receiver) member)
    {
        _disposables.Add(member.Transport);
        return member;
    }
}
