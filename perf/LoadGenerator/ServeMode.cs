using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Coap.Generated;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.LoadGenerator;

/// <summary>
/// Runs our <see cref="CoapServer"/> with <see cref="TimeHandler"/> (or, with <c>--controllers</c>,
/// the generated router over <see cref="Controllers.TimeController"/>) until SIGTERM/SIGINT or a
/// time limit, then prints what it allocated and how many requests it handled, so that the
/// runner can compute bytes per request. With <c>--oscore</c> the server has the C.1 context of
/// <see cref="OscoreLoadContext"/> and requires OSCORE: globally for the hand-written handler, through
/// <see cref="Controllers.SecureTimeController"/>'s <c>[RequireOscore]</c> (GET /stime) with controllers.
/// </summary>
internal static class ServeMode
{
    /// <summary>Requests after which the steady-state allocation count starts (JIT and first-use work excluded).</summary>
    private const long SteadyStateFrom = 50_000;

    public static int Run(string bind, int port, TimeSpan? limit, int? deduplicationCapacity, bool controllers, bool oscore, bool json)
    {
        long steadyBytes = -1;
        var time = new TimePayload();
        using var services = new ServiceCollection().AddSingleton(time).BuildServiceProvider();
        ICoapRequestHandler application = controllers ? new CoapGeneratedRouter(services) : new TimeHandler(time);
        var handler = new CountingHandler(application)
        {
            SnapshotAt = SteadyStateFrom,
            Snapshot = _ => Volatile.Write(ref steadyBytes, GC.GetTotalAllocatedBytes(precise: true)),
        };
        var options = new CoapServerOptions();
        options.Endpoints.Add(bind.Contains(':', StringComparison.Ordinal) ? $"coap://[{bind}]:{port}" : $"coap://{bind}:{port}");
        if (deduplicationCapacity is { } capacity)
        {
            options.Messaging.DeduplicationCapacity = capacity;
        }

        if (oscore)
        {
            options.Security.Contexts.Add(OscoreLoadContext.CreateServerOptions());
            options.Security.RequireOscore = !controllers;
        }

        using var stop = new ManualResetEventSlim();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var server = new CoapServer(handler, options);
        server.StartAsync().GetAwaiter().GetResult();
        var startBytes = GC.GetTotalAllocatedBytes(precise: true);
        var gcStart = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"SERVE_READY pid={Environment.ProcessId} endpoint={server.LocalEndPoints[0]} application={(controllers ? "controllers" : "handler")} oscore={(oscore ? 1 : 0)}");
        Console.Out.Flush();
        if (limit is { } seconds)
        {
            stop.Wait(seconds);
        }
        else
        {
            stop.Wait();
        }

        // Read the figures before stopping, so shutdown work is not counted.
        var endBytes = GC.GetTotalAllocatedBytes(precise: true);
        var handled = handler.Handled;
        var elapsed = clock.Elapsed.TotalSeconds;
        var steadyStart = Volatile.Read(ref steadyBytes);
        var allocated = endBytes - startBytes;
        var steadyRequests = steadyStart >= 0 ? handled - SteadyStateFrom : 0;
        var steadyAllocated = steadyStart >= 0 ? endBytes - steadyStart : 0;
        var gc0 = GC.CollectionCount(0) - gcStart.Item1;
        var gc1 = GC.CollectionCount(1) - gcStart.Item2;
        var gc2 = GC.CollectionCount(2) - gcStart.Item3;
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();

        var inv = CultureInfo.InvariantCulture;
        var perRequest = handled > 0 ? (double)allocated / handled : 0;
        var steadyPerRequest = steadyRequests > 0 ? (double)steadyAllocated / steadyRequests : 0;
        if (json)
        {
            Console.WriteLine(string.Create(inv,
                $"{{\"requests\":{handled},\"allocated_bytes\":{allocated},\"bytes_per_request\":{perRequest:F4},\"steady_requests\":{steadyRequests},\"steady_allocated_bytes\":{steadyAllocated},\"steady_bytes_per_request\":{steadyPerRequest:F4},\"gc0\":{gc0},\"gc1\":{gc1},\"gc2\":{gc2},\"seconds\":{elapsed:F1}}}"));
        }
        else
        {
            Console.WriteLine(string.Create(inv, $"served {handled} requests in {elapsed:F1} s; allocated {allocated} bytes since start ({perRequest:F4} B/request), {steadyAllocated} bytes over the {steadyRequests} requests after the first {SteadyStateFrom} ({steadyPerRequest:F4} B/request); GCs gen0 {gc0}, gen1 {gc1}, gen2 {gc2}"));
        }

        Console.WriteLine(string.Create(inv,
            $"SERVE_RESULT requests={handled} allocated_bytes={allocated} bytes_per_request={perRequest:F4} steady_requests={steadyRequests} steady_allocated_bytes={steadyAllocated} steady_bytes_per_request={steadyPerRequest:F4} gc0={gc0} gc1={gc1} gc2={gc2}"));
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }
    }
}
