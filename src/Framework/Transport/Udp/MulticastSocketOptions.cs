using System.Net;
using System.Net.Sockets;

namespace Coap.Transport.Udp;

/// <summary>The socket options behind <see cref="CoapMulticastOptions"/>, for both families.</summary>
internal static class MulticastSocketOptions
{
    // Linux only: IP_MULTICAST_ALL (IPPROTO_IP) and IPV6_MULTICAST_ALL (IPPROTO_IPV6).
    private const int IpProtocolIp = 0;
    private const int IpMulticastAll = 49;
    private const int IpProtocolIPv6 = 41;
    private const int IPv6MulticastAll = 29;

    /// <summary>Hop limit, loopback and outgoing interface of multicast datagrams this socket sends.</summary>
    public static void ApplySendOptions(Socket socket, bool sendsIPv4, CoapMulticastOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HopLimit, 1, nameof(options.HopLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.HopLimit, 255, nameof(options.HopLimit));
        int? index = options.OutgoingInterface is { } name
            ? MulticastInterface.Find(name, "sends (Multicast.OutgoingInterface)").Index
            : null;
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, options.HopLimit);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastLoopback, options.Loopback);
            if (index is { } v6Index)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, v6Index);
            }
        }

        if (sendsIPv4)
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, options.HopLimit);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, options.Loopback);
            if (index is { } v4Index)
            {
                // An index in network byte order below 2^24 selects the interface by index (as IP_MULTICAST_IF with ip_mreqn).
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.HostToNetworkOrder(v4Index));
            }
        }
    }

    /// <summary>
    /// Makes the socket receive only the groups it joined itself on the interfaces it joined
    /// them on: by default Linux hands a socket every group any socket on the host joined, so a
    /// wildcard-bound unicast socket would receive group datagrams twice over.
    /// </summary>
    public static void ReceiveOwnGroupsOnly(Socket socket, bool receivesIPv4)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        ReadOnlySpan<byte> off = [0, 0, 0, 0];
        try
        {
            if (socket.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.SetRawSocketOption(IpProtocolIPv6, IPv6MulticastAll, off);
            }

            if (receivesIPv4)
            {
                socket.SetRawSocketOption(IpProtocolIp, IpMulticastAll, off);
            }
        }
        catch (SocketException)
        {
            // Kernels before 4.20 lack IPV6_MULTICAST_ALL; the groups' own sockets are still exact.
        }
    }
}
