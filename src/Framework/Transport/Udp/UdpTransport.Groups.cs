using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;

namespace Coap.Transport.Udp;

internal sealed partial class UdpTransport
{
    /// <summary>The group sockets, one per group and interface; empty when no group is configured.</summary>
    internal int GroupSocketCount => _groupSockets.Count;

    internal void CountReceived() => _metrics.DatagramReceived();

    private static bool IsWildcard(IPEndPoint endPoint) =>
        endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any);

    private void JoinGroups(bool sendsIPv4)
    {
        foreach (var group in _options.Multicast.Groups)
        {
            var address = ParseGroup(group);
            var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            if (ipv6 ? LocalEndPoint.AddressFamily != AddressFamily.InterNetworkV6 : !sendsIPv4)
            {
                // Requests from the group could not be answered from this endpoint's socket.
                CoapLog.MulticastGroupSkipped(_logger, group.ToString(), LocalEndPoint, ipv6 ? "IPv6" : "IPv4");
                continue;
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

            foreach (var networkInterface in interfaces)
            {
                _groupSockets.Add(UdpGroupSocket.Join(address, group.Port, networkInterface, _options, this, _logger));
            }
        }
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
