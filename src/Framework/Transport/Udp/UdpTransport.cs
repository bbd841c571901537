using System.Net;
using System.Net.Sockets;
using Coap.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coap.Transport.Udp;

/// <summary>
/// UDP transport: one socket, one dedicated receive thread doing blocking receives into one
/// reused buffer, and synchronous sends from the caller's thread. A dedicated thread was chosen
/// over thread-pool completions because it costs no allocation and no scheduling per datagram
/// (see perf/README.md); the messaging layer processes each datagram inline on it.
/// </summary>
internal sealed partial class UdpTransport : ICoapTransport
{
    private readonly Socket _socket;
    private readonly CoapUdpOptions _options;
    private readonly ILogger _logger;
    private readonly CoapMetrics _metrics;
    private readonly bool _dualMode;
    private readonly List<UdpGroupSocket> _groupSockets = [];
    private Thread? _receiveThread;
    private IDatagramReceiver? _receiver;
    private volatile bool _disposed;

    public UdpTransport(IPEndPoint localEndPoint, CoapUdpOptions options, ILogger logger, CoapMetrics metrics)
    {
        _options = options;
        _logger = logger;
        _metrics = metrics;
        _socket = new Socket(localEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (localEndPoint.AddressFamily == AddressFamily.InterNetworkV6 && localEndPoint.Address.Equals(IPAddress.IPv6Any))
            {
                _socket.DualMode = true;
                _dualMode = true;
            }

            _socket.ReceiveBufferSize = options.ReceiveBufferSize;
            _socket.SendBufferSize = options.SendBufferSize;
            if (_socket.ReceiveBufferSize < options.ReceiveBufferSize)
            {
                // The kernel caps SO_RCVBUF (net.core.rmem_max on Linux); bursts may then be dropped.
                CoapLog.ReceiveBufferCapped(logger, localEndPoint, options.ReceiveBufferSize, _socket.ReceiveBufferSize);
            }
            if (options.ReceivePacketInformation)
            {
                var level = localEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
                _socket.SetSocketOption(level, SocketOptionName.PacketInformation, true);
                if (_dualMode)
                {
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
                }
            }

            SendsIPv4 = localEndPoint.AddressFamily == AddressFamily.InterNetwork || _dualMode;
            var groups = options.Multicast.Groups;
            if (IsWildcard(localEndPoint) && (options.Multicast.SharePort || groups.Any(g => g.Port == localEndPoint.Port)))
            {
                // The groups' sockets share the port; a wildcard socket must let them (both sides need SO_REUSEADDR).
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            MulticastSocketOptions.ApplySendOptions(_socket, SendsIPv4, options.Multicast);
            MulticastSocketOptions.ReceiveOwnGroupsOnly(_socket, SendsIPv4);
            _socket.Bind(localEndPoint);
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
            JoinGroups();
        }
        catch
        {
            foreach (var groupSocket in _groupSockets)
            {
                groupSocket.Dispose();
            }

            _socket.Dispose();
            throw;
        }
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The socket reaches IPv4 peers (an IPv4 or dual-mode socket).</summary>
    private bool SendsIPv4 { get; }

    internal Socket Socket => _socket;

    public void Start(IDatagramReceiver receiver)
    {
        _receiver = receiver;
        _receiveThread = new Thread(ReceiveLoop)
        {
            IsBackground = true,
            Name = $"CoAP UDP {LocalEndPoint}",
        };
        _receiveThread.Start();
        lock (_groupSockets)
        {
            foreach (var groupSocket in _groupSockets)
            {
                groupSocket.Start(receiver, _options.MaxDatagramSize);
            }
        }
    }

    public PeerAddress GetPeerAddress(IPEndPoint endPoint)
    {
        if (_dualMode && endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            endPoint = new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port);
        }

        return PeerAddress.FromEndPoint(endPoint);
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        UdpGroupSocket[] groupSockets;
        lock (_groupSockets)
        {
            groupSockets = [.. _groupSockets];
            _groupSockets.Clear();
        }

        foreach (var groupSocket in groupSockets)
        {
            groupSocket.Dispose();
        }

        _socket.Dispose();
        if (_receiveThread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        return ValueTask.CompletedTask;
    }
}
