using System.Net.Sockets;

namespace Coap.MulticastTests;

/// <summary>Hop limit, loopback and outgoing interface reach the unicast socket, for both families.</summary>
public sealed class SendOptionsTests
{
    public SendOptionsTests() => NetworkNamespace.Require();

    [Fact]
    public async Task A_dual_stack_socket_gets_the_options_for_IPv6_and_IPv4()
    {
        await using var transport = GroupSockets.Create("[::]:0", m =>
        {
            m.HopLimit = 4;
            m.Loopback = false;
            m.OutgoingInterface = "veth0";
        });
        var socket = transport.Socket;

        Assert.Equal(4, (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive)!);
        Assert.Equal(0, (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastLoopback)!);
        Assert.Equal(GroupSockets.IndexOf("veth0"), (int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface)!);
        Assert.Equal(4, (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive)!);
        Assert.Equal(0, (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback)!);
    }

    [Fact]
    public async Task Defaults_are_one_hop_with_loopback()
    {
        await using var transport = GroupSockets.Create("127.0.0.1:0");

        Assert.Equal(1, (int)transport.Socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive)!);
        Assert.Equal(1, (int)transport.Socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback)!);
    }

    [Fact]
    public void A_hop_limit_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupSockets.Create("127.0.0.1:0", m => m.HopLimit = 0));
    }
}
