using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;

namespace Coap.Transport.Udp;

internal sealed partial class UdpTransport
{
    /// <summary>The group sockets, one per group and interface; empty when no group is configured.</summary>
    internal int GroupSocketCount
    {
        get
        {
            lock (_groupSockets)
            {
                return _groupSockets.Count;
            }
        }
    }

    internal void CountReceived() => _metrics.DatagramReceived();

    private static bool IsWildcard(IPEndPoint endPoint) =>
        endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any);

    private void JoinGroups()
    {
        foreach (var group in _options.Multicast.Groups)
        {
            _groupSockets.AddRange(OpenGroupSockets(group, ParseGroup(group)));
        }
    }

    /// <summary>Whether this endpoint can answer members of the address family of <paramref name="group"/>.</summary>
    internal bool CanAnswer(IPAddress group) =>
        group.AddressFamily == AddressFamily.InterNetworkV6 ? LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 : SendsIPv4;

    /// <summary>
    /// Joins a group while the transport runs (groupcomm-bis §2.2.4: maintaining a NoSec group is starting and
    /// stopping to listen); its sockets receive at once. All or nothing: a failed interface undoes the others.
    /// </summary>
    /// <exception cref="CoapException">The group is invalid, this endpoint cannot answer its family, or a join failed.</exception>
    internal void JoinGroup(CoapMulticastGroup group)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var address = ParseGroup(group);
        if (!CanAnswer(address))
        {
            throw new CoapException($"udp://{LocalEndPoint} cannot answer members of group {group}: join it on an endpoint of its address family.");
        }

        lock (_groupSockets)
        {
            if (_groupSockets.Exists(s => s.Is(address, group.Port)))
            {
                // A second socket would deliver every group request twice, and the endpoint would answer twice.
                throw new CoapException($"udp://{LocalEndPoint} has joined group {group} already (Coap:Udp:Multicast:Groups or an earlier join).");
            }
        }

        var sockets = OpenGroupSockets(group, address);
        lock (_groupSockets)
        {
            _groupSockets.AddRange(sockets);
        }

        if (_receiver is { } receiver)
        {
            foreach (var socket in sockets)
            {
                socket.Start(receiver, _options.MaxDatagramSize);
            }
        }
    }

    /// <summary>Leaves a group joined at start or later, on every interface; false when it was not joined.</summary>
    internal bool LeaveGroup(IPAddress address, int port)
    {
        List<UdpGroupSocket> leaving;
        lock (_groupSockets)
        {
            leaving = _groupSockets.FindAll(s => s.Is(address, port));
            _groupSockets.RemoveAll(leaving.Contains);
        }

        foreach (var socket in leaving)
        {
            socket.Dispose();
        }

        return leaving.Count > 0;
    }

    /// <summary>The sockets of one group, one per interface, or none when this endpoint cannot answer its family (logged).</summary>
    private List<UdpGroupSocket> OpenGroupSockets(CoapMulticastGroup group, IPAddress address)
    {
        var opened = new List<UdpGroupSocket>();
        if (!CanAnswer(address))
        {
            // Requests from the group could not be answered from this endpoint's socket.
            CoapLog.MulticastGroupSkipped(_logger, group.ToString(), LocalEndPoint, address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4");
            return opened;
        }

        var names = group.Interfaces.Count > 0 ? group.Interfaces : _options.Multicast.Interfaces;
        List<MulticastInterface> interfaces;
        try
        {
            interfaces = MulticastInterface.Resolve(names, address.AddressFamily, group.ToString());
        }
        catch (CoapException ex)
        {
            CoapLog.MulticastJoinFailed(_logger, LocalEndPoint, group.ToString(), ex.Message);
            throw;
        }

        try
        {
            foreach (var networkInterface in interfaces)
            {
                // A failed join logs itself, naming the group and interface.
                opened.Add(UdpGroupSocket.Join(address, group.Port, networkInterface, _options, this, _logger));
            }
        }
        catch
        {
            foreach (var socket in opened)
            {
                socket.Dispose();
            }

            throw;
        }

        return opened;
    }

    private static IPAddress ParseGroup(CoapMulticastGroup group)
    {
        if (!IPAddress.TryParse(group.Address, out var address) || !IsMulticast(address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            throw new CoapException($"Multicast group '{group.Address}' is not an IPv4 or IPv6 multicast address (name interfaces in Interfaces, not as a scope).");
        }

        if (group.Port is < 1 or > 65_535 || group.Port == 5684)
        {
            // 5684 is CoAP over DTLS, which is unicast only (groupcomm-bis §3.4).
            throw new CoapException($"Multicast group {group}: port {group.Port} cannot be used for group communication.");
        }

        return address;
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);
}
