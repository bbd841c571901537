using System.Globalization;

namespace Coap.Microbenchmarks;

/// <summary>
/// <c>--oscore-allocations</c>: the exact bytes each <see cref="OscoreProtectorBenchmarks"/> operation
/// allocates (<see cref="GC.GetAllocatedBytesForCurrentThread"/> around many calls, after a warm-up),
/// to one decimal, and the thread's CPU time per operation (<see cref="ThreadCpuClock"/>), the
/// median of several batches: a second opinion on BenchmarkDotNet's wall-clock figures on a busy machine. Which objects make up each figure is worked out in perf/README.md (object sizes
/// from the code, summed to exactly these totals); a sampled AllocationTick profile was tried and
/// dropped, as the fixed per-operation pattern aliases with its 100 KB sampling interval.
/// </summary>
internal static class OscoreAllocationProfile
{
    private const int Warmup = 10_000;
    private const int Exact = 100_000;
    private const int TimedBatches = 9;
    private const int TimedBatch = 50_000;

    public static void Run()
    {
        var benchmarks = new OscoreProtectorBenchmarks();
        benchmarks.Setup();
        var serverPath = new OscoreServerPathBenchmarks();
        serverPath.Setup();
        (string Name, Action Operation)[] operations =
        [
            (nameof(OscoreProtectorBenchmarks.ProtectRequest), () => benchmarks.ProtectRequest()),
            (nameof(OscoreProtectorBenchmarks.UnprotectRequest), () => benchmarks.UnprotectRequest()),
            (nameof(OscoreProtectorBenchmarks.ProtectResponse), () => benchmarks.ProtectResponse()),
            (nameof(OscoreProtectorBenchmarks.UnprotectResponse), () => benchmarks.UnprotectResponse()),
            (nameof(OscoreProtectorBenchmarks.ServerExchange), () => benchmarks.ServerExchange()),
            (nameof(OscoreProtectorBenchmarks.ServerExchangeSpans), () => benchmarks.ServerExchangeSpans()),
            (nameof(OscoreProtectorBenchmarks.SealOnly), () => benchmarks.SealOnly()),
            (nameof(OscoreProtectorBenchmarks.OpenOnly), () => benchmarks.OpenOnly()),
            (nameof(OscoreProtectorBenchmarks.SealOnlyA128Gcm), () => benchmarks.SealOnlyA128Gcm()),
            (nameof(OscoreProtectorBenchmarks.SealOnlyChaCha20), () => benchmarks.SealOnlyChaCha20()),
            ("ServerPath." + nameof(OscoreServerPathBenchmarks.PlainRequest), () => serverPath.PlainRequest()),
            ("ServerPath." + nameof(OscoreServerPathBenchmarks.ClientProtectOnly), () => serverPath.ClientProtectOnly()),
            ("ServerPath." + nameof(OscoreServerPathBenchmarks.ProtectedRequest), () => serverPath.ProtectedRequest()),
        ];

        var inv = CultureInfo.InvariantCulture;
        foreach (var (name, operation) in operations)
        {
            Repeat(operation, Warmup);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Repeat(operation, Exact);
            var perOperation = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Exact;
            var cpu = MedianCpuNanoseconds(operation);
            Console.WriteLine(string.Create(inv, $"// OscoreAllocations {name}: {perOperation:F1} B/op, {(cpu is { } ns ? ns.ToString("F0", inv) : "na")} ns of thread CPU/op (median of {TimedBatches} x {TimedBatch})"));
        }

        benchmarks.Cleanup();
        serverPath.Cleanup();
    }

    private static double? MedianCpuNanoseconds(Action operation)
    {
        var perOperation = new double[TimedBatches];
        for (var b = 0; b < TimedBatches; b++)
        {
            if (ThreadCpuClock.NowNanoseconds() is not { } start)
            {
                return null;
            }

            Repeat(operation, TimedBatch);
            perOperation[b] = (ThreadCpuClock.NowNanoseconds()!.Value - start) / (double)TimedBatch;
        }

        Array.Sort(perOperation);
        return perOperation[TimedBatches / 2];
    }

    private static void Repeat(Action operation, int count)
    {
        for (var i = 0; i < count; i++)
        {
            operation();
        }
    }
}
