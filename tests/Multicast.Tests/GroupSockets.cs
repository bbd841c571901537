using System.Net;
using System.Net.NetworkInformation;
using Coap.Diagnostics;
using Coap.Transport;
using Coap.Transport.Udp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.MulticastTests;

/// <summary>Builds transports for the tests: group members that echo, and senders.</summary>
internal static class GroupSockets
{
    public static readonly IPAddress AllCoapNodesIPv4 = IPAddress.Parse(CoapMulticastOptions.AllCoapNodesIPv4);
    public static readonly IPAddress AllCoapNodesIPv6 = IPAddress.Parse(CoapMulticastOptions.AllCoapNodesIPv6LinkLocal);

    public static UdpTransport Create(string localEndPoint, Action<CoapMulticastOptions>? multicast = null)
    {
        var options = new CoapUdpOptions();
        multicast?.Invoke(options.Multicast);
        return new UdpTransport(IPEndPoint.Parse(localEndPoint), options, NullLogger.Instance, new CoapMetrics());
    }

    /// <summary>A member of the group on the given interface that answers every datagram by unicast with its name.</summary>
    public static (UdpTransport Transport, RecordingReceiver Receiver) Member(string localEndPoint, string group, string networkInterface, string name)
    {
        var transport = Create(localEndPoint, m =>
        {
            m.Groups.Add(new CoapMulticastGroup(group));
            m.Interfaces.Add(networkInterface);
        });
        var receiver = new RecordingReceiver
        {
            OnReceived = d => transport.Send(System.Text.Encoding.ASCII.GetBytes(name), transport.GetPeerAddress(d.Source)),
        };
        transport.Start(receiver);
        return (transport, receiver);
    }

    public static PeerAddress To(IPAddress address, int port = CoapMulticastOptions.DefaultPort) => PeerAddress.FromEndPoint(new IPEndPoint(address, port));

    public static int IndexOf(string name) =>
        NetworkInterface.GetAllNetworkInterfaces().Single(i => i.Name == name).GetIPProperties().GetIPv6Properties().Index;
}
