using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;

namespace Coap.Transport.Udp;

internal sealed partial class UdpTransport
{
    [ThreadStatic]
    private static SocketAddress? t_sendAddress;

    public void Send(ReadOnlySpan<byte> datagram, in PeerAddress remote)
    {
        var address = t_sendAddress ??= new SocketAddress(AddressFamily.InterNetworkV6, PeerAddress.MaxSize);
        remote.CopyTo(address);
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, address);
            _metrics.DatagramSent();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing more to send.
        }
        catch (SocketException ex)
        {
            _metrics.SendFailed();
            CoapLog.SendFailed(_logger, remote.ToString(), ex.SocketErrorCode);
        }
    }
}
