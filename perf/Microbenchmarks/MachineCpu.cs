using System.Diagnostics;
using System.Globalization;

namespace Coap.Microbenchmarks;

/// <summary>
/// CPU accounting for noisy, shared machines: seconds the whole machine was busy (/proc/stat,
/// every state but idle and iowait, in USER_HZ = 100 ticks) and seconds this process used, so a
/// report can say how much of the machine other work took while it measured.
/// </summary>
internal readonly record struct MachineCpu(double MachineBusySeconds, double ProcessSeconds, long Timestamp)
{
    private const double TicksPerSecond = 100;

    public static MachineCpu Read() =>
        new(ReadMachineBusy(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp());

    /// <summary>"wall W s, this process P s of CPU, other work O s (of 2 × W available)" since <paramref name="start"/>.</summary>
    public string Since(in MachineCpu start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        var own = ProcessSeconds - start.ProcessSeconds;
        var other = MachineBusySeconds - start.MachineBusySeconds - own;
        return string.Create(CultureInfo.InvariantCulture,
            $"wall {wall:F1} s, this process {own:F1} s of CPU, other work {other:F1} s of CPU ({Environment.ProcessorCount} CPUs)");
    }

    private static double ReadMachineBusy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                if (i is not (4 or 5))
                {
                    busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }
            }

            return busy / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
