using System.Net;
using System.Net.Sockets;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Picks a port for a peer server: one the kernel hands out for a UDP socket bound to port 0,
/// also free for TCP (libcoap's server binds both). The port is released before returning, so
/// a collision is still possible; callers retry.
/// </summary>
internal static class FreeUdpPort
{
    public static int Find(IPAddress address)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
                // Taken for TCP: try another.
            }
        }
    }
}
