using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Coap.TestUtilities;

/// <summary>
/// A UDP forwarder on 127.0.0.1 that sits between clients and one server and drops a share of the
/// datagrams in each direction, for block-wise and Q-Block tests over real sockets (a lossy link
/// between two processes, which <c>InMemoryNetwork</c> cannot stand in for). Each client endpoint
/// gets its own upstream socket, so the server sees one peer per client and its replies find
/// their way back. Drops come from a seeded <see cref="Random"/>, so a run is repeatable as far
/// as the order of datagrams is.
/// </summary>
public sealed class LossyUdpRelay : IAsyncDisposable
{
    private const int MaxDatagramSize = 65_535;

    private readonly Socket _listener;
    private readonly IPEndPoint _upstream;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _clients = new();
    private readonly ConcurrentBag<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _maxClients;
    private long _forwardedToServer;
    private long _droppedToServer;
    private long _forwardedToClient;
    private long _droppedToClient;
    private long _rejectedClients;

    /// <summary>Starts relaying from a new port on 127.0.0.1 to <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The server's endpoint.</param>
    /// <param name="lossRate">The share of datagrams dropped in each direction, 0 to 1.</param>
    /// <param name="seed">The seed of the drop decisions.</param>
    /// <param name="maxClients">Client endpoints relayed at most; datagrams from further clients are dropped.</param>
    public LossyUdpRelay(IPEndPoint upstream, double lossRate = 0, int seed = 1, int maxClients = 64)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        _upstream = upstream;
        ToServerLossRate = lossRate;
        ToClientLossRate = lossRate;
        _random = new Random(seed);
        _maxClients = maxClients;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loops.Add(Task.Run(ListenAsync));
    }

    /// <summary>Where clients send: 127.0.0.1 and the relay's port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The share of client datagrams dropped, 0 to 1; may change while running.</summary>
    public double ToServerLossRate
    {
        get;
        set => field = CheckRate(value);
    }

    /// <summary>The share of server datagrams dropped, 0 to 1; may change while running.</summary>
    public double ToClientLossRate
    {
        get;
        set => field = CheckRate(value);
    }

    /// <summary>Client datagrams passed to the server.</summary>
    public long ForwardedToServer => Interlocked.Read(ref _forwardedToServer);

    /// <summary>Client datagrams dropped (including those of clients beyond the limit).</summary>
    public long DroppedToServer => Interlocked.Read(ref _droppedToServer);

    /// <summary>Server datagrams passed back to their client.</summary>
    public long ForwardedToClient => Interlocked.Read(ref _forwardedToClient);

    /// <summary>Server datagrams dropped.</summary>
    public long DroppedToClient => Interlocked.Read(ref _droppedToClient);

    /// <summary>Client endpoints being relayed.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Datagrams dropped because their client came after <c>maxClients</c> others.</summary>
    public long RejectedClientDatagrams => Interlocked.Read(ref _rejectedClients);

    /// <summary>Stops relaying and closes every socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var socket in _clients.Values)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static double CheckRate(double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A loss rate is from 0 to 1.");
        }

        return value;
    }

    private bool ShouldDrop(double rate)
    {
        lock (_randomGate)
        {
            // Always draw, so that changing one direction's rate does not reshuffle the other's.
            return _random.NextDouble() < rate;
        }
    }

    private async Task ListenAsync()
    {
        var buffer = new byte[MaxDatagramSize];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _listener.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send to a client that left; keep relaying.
                continue;
            }

            var client = (IPEndPoint)received.RemoteEndPoint;
            if (UpstreamFor(client) is not { } upstream)
            {
                Interlocked.Increment(ref _rejectedClients);
                Interlocked.Increment(ref _droppedToServer);
                continue;
            }

            if (ShouldDrop(ToServerLossRate))
            {
                Interlocked.Increment(ref _droppedToServer);
                continue;
            }

            try
            {
                await upstream.SendAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _forwardedToServer);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _droppedToServer);
            }
        }
    }

    /// <summary>The client's upstream socket, created with its reply loop on first use; null past the limit.</summary>
    private Socket? UpstreamFor(IPEndPoint client)
    {
        if (_clients.TryGetValue(client, out var existing))
        {
            return existing;
        }

        if (_clients.Count >= _maxClients)
        {
            return null;
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(_upstream);
        _clients[client] = socket;
        _loops.Add(Task.Run(() => ReplyAsync(socket, client)));
        return socket;
    }

    private async Task ReplyAsync(Socket upstream, IPEndPoint client)
    {
        var buffer = new byte[MaxDatagramSize];
        while (!_stopping.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await upstream.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // The server is not (yet) listening: the ICMP error surfaces here; keep waiting.
                continue;
            }

            if (ShouldDrop(ToClientLossRate))
            {
                Interlocked.Increment(ref _droppedToClient);
                continue;
            }

            try
            {
                await _listener.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, client, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _forwardedToClient);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _droppedToClient);
            }
        }
    }
}
