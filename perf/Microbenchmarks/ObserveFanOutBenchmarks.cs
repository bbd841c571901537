using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Coap.Microbenchmarks;

/// <summary>
/// The fan-out of one Observe change over real UDP: a <see cref="CoapServer"/> on 127.0.0.1 holds
/// <see cref="Observers"/> registrations of "/temp", made with real datagrams from a few client
/// sockets (<see cref="ObserverSocket"/>, each holding thousands of tokens) whose receive threads
/// keep draining. One operation changes the value, calls <see cref="CoapObservations.Notify"/> and
/// waits (<see cref="Wait"/>) until <see cref="CoapObservations.CompletedRenderings"/> advances —
/// delivery runs under the registry lock before that counter moves, so by then every observer's
/// datagram was sent — and, with <see cref="FanOutWait.Received"/>, first until every observer
/// received it. Time and allocation per operation are per change; <see cref="FanOutConfig"/>'s
/// columns divide them by the observer count. Observers = 1 gives the fixed cost of a change (one
/// rendering, one representation, one send). GlobalSetup checks that every observer receives
/// every notification; GlobalCleanup prints what was sent and received over the whole run, and
/// how much CPU other processes took meanwhile.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(1000)]
[Config(typeof(FanOutConfig))]
public class ObserveFanOutBenchmarks
{
    private const string Path = "/temp";
    private const int MaxSockets = 4;
    private const int RegistrationBatch = 250;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly ChangingValueHandler _handler = new();
    private readonly NotificationCountdown _countdown = new();
    private CoapServer _server = null!;
    private CoapObservations _observations = null!;
    private ObserverSocket[] _sockets = [];
    private long _changes;
    private long _rcvbufErrorsAtStart;
    private long _changesBeforeBenchmark;
    private long _incomplete;
    private MachineCpu _measuredFrom;

    /// <summary>Registered observers of "/temp".</summary>
    [Params(1, 1_000, 10_000)]
    public int Observers { get; set; }

    /// <summary>What an operation waits for.</summary>
    [Params(FanOutWait.Sent, FanOutWait.Received)]
    public FanOutWait Wait { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        options.Observe.MaxObservationsPerPeer = Observers;
        options.Observe.MaxObservations = Math.Max(Observers, options.Observe.MaxObservations);
        _server = new CoapServer(_handler, options);
        _server.StartAsync().GetAwaiter().GetResult();
        _observations = _server.Observations;
        _rcvbufErrorsAtStart = ReadUdpRcvbufErrors();

        var server = _server.LocalEndPoints[0];
        var socketCount = Math.Min(MaxSockets, Observers);
        _sockets = new ObserverSocket[socketCount];
        var first = 0;
        for (var i = 0; i < socketCount; i++)
        {
            var count = (Observers / socketCount) + (i < Observers % socketCount ? 1 : 0);
            _sockets[i] = new ObserverSocket(server, first, count);
            first += count;
        }

        Register();
        if (_observations.GetObserverCount(Path) != Observers)
        {
            throw new InvalidOperationException($"{_observations.GetObserverCount(Path)} observers registered, expected {Observers}.");
        }

        // Warm up (at least a second, so tiered compilation has settled) and check delivery:
        // every observer must have received every notification.
        var warmup = Stopwatch.StartNew();
        while (_changes < 5 || warmup.Elapsed < TimeSpan.FromSeconds(1))
        {
            ChangeAndWaitUntilSent();
        }

        var expected = _changes * Observers;
        var received = WaitForNotifications(expected);
        if (received != expected)
        {
            throw new InvalidOperationException($"Sanity check: {received:N0} notifications received after {_changes} changes to {Observers:N0} observers, expected {expected:N0}.");
        }

        // A self-measured figure next to BenchmarkDotNet's: whole-process allocation over at least
        // 20 changes and a second.
        var changesBefore = _changes;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        while (_changes - changesBefore < 20 || watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            NotifyAll();
        }

        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var changes = _changes - changesBefore;
        Report(string.Create(CultureInfo.InvariantCulture,
            $"setup ({Wait}): {Observers:N0} observers on {socketCount} sockets (SO_RCVBUF {_sockets[0].ReceiveBufferSize:N0} B each); sanity check {received:N0}/{expected:N0} notifications received; " +
            $"self-measured over {changes:N0} changes: {allocated / (double)changes:N1} B/change, {allocated / (double)(changes * Observers):N4} B/notification, {changes * Observers / elapsed.TotalSeconds:N0} notifications/s"));
        _measuredFrom = MachineCpu.Read();
        _changesBeforeBenchmark = _changes;
    }

    /// <summary>One change of "/temp", sent to every observer.</summary>
    [Benchmark]
    public int NotifyAll() => Wait == FanOutWait.Sent ? ChangeAndWaitUntilSent() : ChangeAndWaitUntilReceived();

    [GlobalCleanup]
    public void Cleanup()
    {
        var expected = Volatile.Read(ref _changes) * Observers;
        var received = WaitForNotifications(expected);
        var unexpected = _sockets.Sum(s => s.Unexpected);
        var rcvbufErrors = ReadUdpRcvbufErrors() - _rcvbufErrorsAtStart;
        var cpu = MachineCpu.Read().Since(_measuredFrom);
        Report(string.Create(CultureInfo.InvariantCulture,
            $"cleanup ({Wait}): {_changes:N0} changes x {Observers:N0} observers = {expected:N0} notifications sent; received {received:N0}, lost {expected - received:N0} ({(expected - received) / (double)Math.Max(1, expected):P4}), unexpected datagrams {unexpected:N0}, changes not received in full within 2 s {_incomplete:N0}, " +
            $"renderings {_handler.Renderings:N0}, Udp RcvbufErrors +{rcvbufErrors:N0} (machine-wide); " +
            $"while BenchmarkDotNet ran {_changes - _changesBeforeBenchmark:N0} changes: {cpu}"));
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _countdown.Dispose();
    }

    private int ChangeAndWaitUntilSent()
    {
        var before = _observations.CompletedRenderings;
        _handler.Change();
        _observations.Notify(Path);
        WaitForRendering(before);
        return before;
    }

    private int ChangeAndWaitUntilReceived()
    {
        var before = _observations.CompletedRenderings;
        _countdown.Arm(_sockets.Length);
        foreach (var socket in _sockets)
        {
            // Every earlier change was received in full (or counted incomplete), so the target is exact.
            socket.Expect(socket.Notifications + socket.TokenCount, _countdown);
        }

        _handler.Change();
        _observations.Notify(Path);
        if (!_countdown.Wait(TimeSpan.FromSeconds(2)))
        {
            // Something was lost: counted, and reported in GlobalCleanup.
            _incomplete++;
        }

        // The last datagram can arrive before the delivering thread counts the rendering complete.
        WaitForRendering(before);
        return before;
    }

    /// <summary>Spins (yielding, never sleeping: a 1 ms sleep would be a large part of a small operation) until the rendering after <paramref name="before"/> completed.</summary>
    private void WaitForRendering(int before)
    {
        var spinner = default(SpinWait);
        var started = Environment.TickCount64;
        while (_observations.CompletedRenderings == before)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (spinner.Count % 4096 == 0 && Environment.TickCount64 - started > s_timeout.TotalMilliseconds)
            {
                throw new TimeoutException("The rendering did not complete.");
            }
        }

        _changes++;
    }

    private void Register()
    {
        var watch = Stopwatch.StartNew();
        var largest = _sockets.Max(s => s.TokenCount);
        for (var from = 0; from < largest; from += RegistrationBatch)
        {
            long expected = 0;
            foreach (var socket in _sockets)
            {
                var to = Math.Min(socket.TokenCount, from + RegistrationBatch);
                if (from < to)
                {
                    socket.SendRegistrations(from, to);
                }

                expected += to;
            }

            while (_sockets.Sum(s => s.Acknowledgements) < expected)
            {
                if (watch.Elapsed > s_timeout)
                {
                    throw new TimeoutException($"Only {_sockets.Sum(s => s.Acknowledgements):N0} of {expected:N0} registrations were answered.");
                }

                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Waits until the receivers counted <paramref name="expected"/> notifications, or their count stops moving for a second.</summary>
    private long WaitForNotifications(long expected)
    {
        var received = _sockets.Sum(s => s.Notifications);
        var lastChange = Stopwatch.StartNew();
        while (received < expected && lastChange.Elapsed < TimeSpan.FromSeconds(1))
        {
            Thread.Sleep(5);
            var now = _sockets.Sum(s => s.Notifications);
            if (now != received)
            {
                received = now;
                lastChange.Restart();
            }
        }

        return received;
    }

    private static void Report(string line) => Console.WriteLine($"// ObserveFanOut {line}");

    /// <summary>The kernel's count of datagrams dropped because a receive buffer was full (all sockets of the machine); -1 when unreadable.</summary>
    private static long ReadUdpRcvbufErrors()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToArray();
            if (lines.Length < 2)
            {
                return -1;
            }

            var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(names, "RcvbufErrors");
            return index > 0 ? long.Parse(values[index], CultureInfo.InvariantCulture) : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
