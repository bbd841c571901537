using System.Net;

namespace Coap.Transport.InMemory;

/// <summary>
/// A simulated network for unit tests: every transport created here can reach the others by
/// endpoint. Faults are injectable: loss and duplication (by rate with a seeded random, or for
/// chosen datagrams), reordering (a datagram is held back and delivered after the next one),
/// and delay (through the injected clock, so a fake clock controls it). Delivery happens on the
/// sending thread but never re-entrantly: a datagram sent while one is being delivered is queued
/// and delivered after it, as on a real network.
/// </summary>
internal sealed class InMemoryNetwork(TimeProvider? timeProvider = null, int seed = 1)
{
    [ThreadStatic]
    private static Queue<(InMemoryNetwork Network, InMemoryDatagram Datagram)>? t_pending;

    [ThreadStatic]
    private static bool t_pumping;

    private readonly Lock _gate = new();
    private readonly Dictionary<PeerAddress, InMemoryTransport> _hosts = [];
    private readonly List<InMemoryDatagram> _log = [];
    private readonly Random _random = new(seed);
    private InMemoryDatagram? _held;

    public TimeProvider Time { get; } = timeProvider ?? TimeProvider.System;

    /// <summary>Probability that a datagram is lost.</summary>
    public double LossRate { get; set; }

    /// <summary>Probability that a datagram is delivered twice.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Delay before delivery.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Drops the datagrams for which this returns true (decided before loss and duplication).</summary>
    public Func<InMemoryDatagram, bool>? DropWhen { get; set; }

    /// <summary>Delivers the datagrams for which this returns true twice.</summary>
    public Func<InMemoryDatagram, bool>? DuplicateWhen { get; set; }

    /// <summary>Holds back the datagrams for which this returns true until the next datagram has been delivered.</summary>
    public Func<InMemoryDatagram, bool>? ReorderWhen { get; set; }

    /// <summary>How many datagrams have been sent, including dropped ones.</summary>
    public int SentCount
    {
        get
        {
            lock (_gate)
            {
                return _log.Count;
            }
        }
    }

    /// <summary>Every datagram sent, in order, including dropped ones.</summary>
    public IReadOnlyList<InMemoryDatagram> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public InMemoryTransport CreateTransport(IPEndPoint endPoint)
    {
        var transport = new InMemoryTransport(this, endPoint);
        lock (_gate)
        {
            _hosts.Add(PeerAddress.FromEndPoint(endPoint), transport);
        }

        return transport;
    }

    /// <summary>Injects raw bytes as if <paramref name="from"/> had sent them.</summary>
    public void Inject(IPEndPoint from, IPEndPoint to, ReadOnlySpan<byte> bytes) => Send(from, to, bytes);

    internal void Remove(InMemoryTransport transport)
    {
        lock (_gate)
        {
            _hosts.Remove(PeerAddress.FromEndPoint(transport.LocalEndPoint));
        }
    }

    internal void Send(IPEndPoint from, IPEndPoint to, ReadOnlySpan<byte> bytes)
    {
        var datagram = new InMemoryDatagram(from, to, bytes.ToArray(), Time.GetUtcNow());
        bool drop, duplicate, reorder;
        lock (_gate)
        {
            _log.Add(datagram);
            drop = (DropWhen?.Invoke(datagram) ?? false) || (LossRate > 0 && _random.NextDouble() < LossRate);
            duplicate = (DuplicateWhen?.Invoke(datagram) ?? false) || (DuplicateRate > 0 && _random.NextDouble() < DuplicateRate);
            reorder = ReorderWhen?.Invoke(datagram) ?? false;
        }

        if (drop)
        {
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            ITimer? timer = null;
            timer = Time.CreateTimer(
                _ =>
                {
                    timer?.Dispose();
                    Enqueue(datagram, duplicate, reorder);
                },
                null,
                Delay,
                Timeout.InfiniteTimeSpan);
            return;
        }

        Enqueue(datagram, duplicate, reorder);
    }

    private void Enqueue(InMemoryDatagram datagram, bool duplicate, bool reorder)
    {
        InMemoryDatagram? released = null;
        lock (_gate)
        {
            if (reorder && _held is null)
            {
                _held = datagram;
                return;
            }

            released = _held;
            _held = null;
        }

        var pending = t_pending ??= new Queue<(InMemoryNetwork, InMemoryDatagram)>();
        var pumping = pending.Count > 0 || t_pumping;
        pending.Enqueue((this, datagram));
        if (duplicate)
        {
            pending.Enqueue((this, datagram));
        }

        if (released is not null)
        {
            pending.Enqueue((this, released));
        }

        if (pumping)
        {
            return;
        }

        t_pumping = true;
        try
        {
            while (pending.TryDequeue(out var next))
            {
                next.Network.Deliver(next.Datagram);
            }
        }
        finally
        {
            t_pumping = false;
        }
    }

    private void Deliver(InMemoryDatagram datagram)
    {
        InMemoryTransport? target;
        lock (_gate)
        {
            _hosts.TryGetValue(PeerAddress.FromEndPoint(datagram.To), out target);
        }

        target?.Receive(datagram);
    }
}
