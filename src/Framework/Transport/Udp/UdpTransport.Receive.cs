using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;

namespace Coap.Transport.Udp;

internal sealed partial class UdpTransport
{
    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(_options.MaxDatagramSize, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        EndPoint anyEndPoint = _socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        var receiver = _receiver!;
        while (!_disposed)
        {
            try
            {
                if (_options.ReceivePacketInformation)
                {
                    ReceiveWithPacketInformation(buffer, ref anyEndPoint, receiver);
                    continue;
                }

                var length = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
                _metrics.DatagramReceived();
                var peer = new PeerAddress(address);
                receiver.OnDatagram(buffer.AsSpan(0, length), in peer, DatagramInfo.None);
            }
            catch (SocketException) when (_disposed)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // ICMP errors and truncated datagrams surface here; keep receiving.
                CoapLog.ReceiveFailed(_logger, LocalEndPoint, ex.SocketErrorCode);
            }
            catch (Exception ex)
            {
                // A receiver must not throw; if one does, the loop survives it.
                CoapLog.ReceiverThrew(_logger, ex);
            }
        }
    }

    private void ReceiveWithPacketInformation(byte[] buffer, ref EndPoint remote, IDatagramReceiver receiver)
    {
        var flags = SocketFlags.None;
        var length = _socket.ReceiveMessageFrom(buffer, ref flags, ref remote, out var packetInformation);
        _metrics.DatagramReceived();
        if ((flags & SocketFlags.Truncated) != 0)
        {
            return;
        }

        var peer = GetPeerAddress((IPEndPoint)remote);
        var info = new DatagramInfo(packetInformation.Address, packetInformation.Interface);
        receiver.OnDatagram(buffer.AsSpan(0, length), in peer, in info);
    }
}
