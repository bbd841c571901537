using System.Net;

namespace Coap.Transport;

/// <summary>A datagram transport under the messaging layer: UDP, or in memory for tests.</summary>
internal interface ICoapTransport : IAsyncDisposable
{
    /// <summary>The bound local endpoint (with the actual port when 0 was asked for).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Starts delivering datagrams to the receiver.</summary>
    void Start(IDatagramReceiver receiver);

    /// <summary>Sends one datagram; a failure is logged and counted, not thrown.</summary>
    void Send(ReadOnlySpan<byte> datagram, in PeerAddress remote);

    /// <summary>The peer address this transport uses for an endpoint (IPv4 mapped on dual-stack sockets).</summary>
    PeerAddress GetPeerAddress(IPEndPoint endPoint);
}
