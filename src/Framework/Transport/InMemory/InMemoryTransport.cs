using System.Net;

namespace Coap.Transport.InMemory;

/// <summary>One host's socket on an <see cref="InMemoryNetwork"/>.</summary>
internal sealed class InMemoryTransport(InMemoryNetwork network, IPEndPoint localEndPoint) : ICoapTransport
{
    private IDatagramReceiver? _receiver;
    private bool _disposed;

    public IPEndPoint LocalEndPoint { get; } = localEndPoint;

    public void Start(IDatagramReceiver receiver) => _receiver = receiver;

    public void Send(ReadOnlySpan<byte> datagram, in PeerAddress remote)
    {
        if (!_disposed)
        {
            network.Send(LocalEndPoint, remote.ToEndPoint(), datagram);
        }
    }

    public PeerAddress GetPeerAddress(IPEndPoint endPoint) => PeerAddress.FromEndPoint(endPoint);

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        network.Remove(this);
        return ValueTask.CompletedTask;
    }

    internal void Receive(InMemoryDatagram datagram)
    {
        if (_disposed || _receiver is null)
        {
            return;
        }

        var peer = PeerAddress.FromEndPoint(datagram.From);
        _receiver.OnDatagram(datagram.Bytes, in peer, DatagramInfo.None);
    }
}
