using System.Net;
using System.Net.Sockets;

namespace Coap;

public sealed partial class CoapServer
{
    /// <summary>
    /// The UDP options for one endpoint: the configured ones plus the <c>Coap:Groups</c> members this endpoint
    /// joins. Each group goes to the first endpoint that can receive its address family, so a server with
    /// several endpoints still receives (and answers) each group request once.
    /// </summary>
    private CoapUdpOptions UdpOptionsFor(IPEndPoint endPoint, List<CoapGroup> unassigned)
    {
        List<CoapMulticastGroup>? joined = null;
        foreach (var group in unassigned.ToArray())
        {
            if (!CanReceive(endPoint, group.Address.AddressFamily))
            {
                continue;
            }

            var entry = new CoapMulticastGroup(group.Address.ToString(), group.Port);
            foreach (var name in group.Interfaces)
            {
                entry.Interfaces.Add(name);
            }

            (joined ??= []).Add(entry);
            unassigned.Remove(group);
        }

        if (joined is null)
        {
            return _options.Udp;
        }

        var configured = _options.Udp;
        var multicast = new CoapMulticastOptions
        {
            HopLimit = configured.Multicast.HopLimit,
            Loopback = configured.Multicast.Loopback,
            OutgoingInterface = configured.Multicast.OutgoingInterface,
        };
        foreach (var name in configured.Multicast.Interfaces)
        {
            multicast.Interfaces.Add(name);
        }

        foreach (var group in configured.Multicast.Groups.Concat(joined))
        {
            multicast.Groups.Add(group);
        }

        return new CoapUdpOptions
        {
            ReceiveBufferSize = configured.ReceiveBufferSize,
            SendBufferSize = configured.SendBufferSize,
            ReceivePacketInformation = configured.ReceivePacketInformation,
            MaxDatagramSize = configured.MaxDatagramSize,
            Multicast = multicast,
        };
    }

    private static bool CanReceive(IPEndPoint endPoint, AddressFamily family) =>
        endPoint.AddressFamily == family || endPoint.Address.Equals(IPAddress.IPv6Any);
}
