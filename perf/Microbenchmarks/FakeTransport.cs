using System.Net;
using Coap.Transport;

namespace Coap.Microbenchmarks;

/// <summary>A transport that sends nowhere: it only records what it was given.</summary>
internal sealed class FakeTransport : ICoapTransport
{
    public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 5683);

    public int LastLength { get; private set; }

    public long Sent { get; private set; }

    /// <summary>The code of the last datagram sent.</summary>
    public CoapCode LastCode { get; private set; }

    public void Start(IDatagramReceiver receiver)
    {
    }

    public void Send(ReadOnlySpan<byte> datagram, in PeerAddress remote)
    {
        LastLength = datagram.Length;
        LastCode = datagram.Length > 1 ? new CoapCode(datagram[1]) : default;
        Sent++;
    }

    public PeerAddress GetPeerAddress(IPEndPoint endPoint) => PeerAddress.FromEndPoint(endPoint);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
