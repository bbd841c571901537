using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coap.Transport.Udp;

/// <summary>
/// One joined group on one interface: a socket bound to the group address and port with
/// SO_REUSEADDR (so every server on the host gets its own copy of each group datagram), and a
/// receive thread that hands datagrams to the transport's receiver with the group as local
/// address. It never sends: responses leave from the unicast socket.
/// </summary>
internal sealed class UdpGroupSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly IPAddress _group;
    private readonly int _port;
    private readonly string _groupText;
    private readonly MulticastInterface _interface;
    private readonly UdpTransport _transport;
    private readonly ILogger _logger;
    private Thread? _receiveThread;
    private volatile bool _disposed;

    private UdpGroupSocket(Socket socket, IPAddress group, int port, string groupText, MulticastInterface networkInterface, UdpTransport transport, ILogger logger)
    {
        _socket = socket;
        _group = group;
        _port = port;
        _groupText = groupText;
        _interface = networkInterface;
        _transport = transport;
        _logger = logger;
    }

    /// <summary>Binds and joins; a socket error becomes a <see cref="CoapException"/> naming the group and interface.</summary>
    public static UdpGroupSocket Join(IPAddress group, int port, MulticastInterface networkInterface, CoapUdpOptions options, UdpTransport transport, ILogger logger)
    {
        var groupText = new IPEndPoint(group, port).ToString();
        var socket = new Socket(group.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var ipv6 = group.AddressFamily == AddressFamily.InterNetworkV6;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.ReceiveBufferSize = options.ReceiveBufferSize;
            socket.SetSocketOption(ipv6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            MulticastSocketOptions.ReceiveOwnGroupsOnly(socket, receivesIPv4: !ipv6);

            // A link-local group can only be bound with its interface as scope.
            var bindAddress = ipv6 ? new IPAddress(group.GetAddressBytes(), networkInterface.Index) : group;
            socket.Bind(new IPEndPoint(bindAddress, port));
            if (ipv6)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group, networkInterface.Index));
            }
            else
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, networkInterface.Index));
            }
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var reason = $"interface {networkInterface}: {ex.SocketErrorCode} ({ex.Message})" +
                (ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "; another socket holds the port without SO_REUSEADDR" : "");
            CoapLog.MulticastJoinFailed(logger, transport.LocalEndPoint, groupText, reason);
            throw new CoapException($"Cannot join multicast group {groupText} on {reason}.", ex);
        }

        CoapLog.MulticastGroupJoined(logger, transport.LocalEndPoint, groupText, networkInterface.Name, networkInterface.Index);
        return new UdpGroupSocket(socket, group, port, groupText, networkInterface, transport, logger);
    }

    /// <summary>Whether this socket receives group <paramref name="address"/> on <paramref name="port"/>.</summary>
    public bool Is(IPAddress address, int port) => _port == port && _group.Equals(address);

    public void Start(IDatagramReceiver receiver, int maxDatagramSize)
    {
        _receiveThread = new Thread(() => ReceiveLoop(receiver, maxDatagramSize))
        {
            IsBackground = true,
            Name = $"CoAP UDP group {_groupText}%{_interface.Name}",
        };
        _receiveThread.Start();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Closing the socket leaves the group (the kernel drops its memberships).
        _socket.Dispose();
        if (_receiveThread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        CoapLog.MulticastGroupLeft(_logger, _groupText, _interface.Name);
    }

    private void ReceiveLoop(IDatagramReceiver receiver, int maxDatagramSize)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(maxDatagramSize, pinned: true);
        EndPoint remote = _group.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (!_disposed)
        {
            try
            {
                var flags = SocketFlags.None;
                var length = _socket.ReceiveMessageFrom(buffer, ref flags, ref remote, out var packetInformation);
                _transport.CountReceived();
                if ((flags & SocketFlags.Truncated) != 0)
                {
                    continue;
                }

                var peer = _transport.GetPeerAddress((IPEndPoint)remote);
                var info = new DatagramInfo(_group, packetInformation.Interface);
                receiver.OnDatagram(buffer.AsSpan(0, length), in peer, in info);
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
                CoapLog.MulticastReceiveFailed(_logger, _groupText, _interface.Name, ex.SocketErrorCode);
            }
            catch (Exception ex)
            {
                // A receiver must not throw; if one does, the loop survives it.
                CoapLog.ReceiverThrew(_logger, ex);
            }
        }
    }
}
