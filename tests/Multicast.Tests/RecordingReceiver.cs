using System.Net;
using System.Threading.Channels;
using Coap.Transport;

namespace Coap.MulticastTests;

/// <summary>One received datagram: its bytes, source and where it arrived.</summary>
internal sealed record ReceivedDatagram(byte[] Payload, IPEndPoint Source, IPAddress? LocalAddress, int InterfaceIndex, bool IsMulticast);

/// <summary>Collects what a transport delivers, to be awaited by the test thread.</summary>
internal sealed class RecordingReceiver : IDatagramReceiver
{
    private readonly Channel<ReceivedDatagram> _received = Channel.CreateUnbounded<ReceivedDatagram>();

    /// <summary>Called on the receive thread, after the datagram was recorded.</summary>
    public Action<ReceivedDatagram>? OnReceived { get; init; }

    public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
    {
        var received = new ReceivedDatagram(datagram.ToArray(), remote.ToEndPoint(), info.LocalAddress, info.InterfaceIndex, info.IsMulticast);
        _received.Writer.TryWrite(received);
        OnReceived?.Invoke(received);
    }

    /// <summary>The next datagram; fails the test when none comes within the (generous) bound.</summary>
    public async Task<ReceivedDatagram> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No datagram arrived.");
        }
    }

    /// <summary>What arrived so far beyond what was read.</summary>
    public int Pending => _received.Reader.Count;
}
