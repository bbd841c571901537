using System.Globalization;

namespace Coap.LoadGenerator;

/// <summary>CPU time a process has used, from utime + stime in /proc/PID/stat (all threads, clock ticks).</summary>
internal static class ProcessCpu
{
    private static readonly double s_ticksPerSecond = Math.Max(1, Native.sysconf(Native.ScClockTicks));

    /// <summary>Seconds of CPU used so far, or null when the process cannot be read.</summary>
    public static double? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may hold spaces; fields count from after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat(5) are utime and stime; after "pid (comm) " they are at 11 and 12.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / s_ticksPerSecond;
    }

    public static double? ReadSelf() => Read(Environment.ProcessId);

    /// <summary>
    /// Seconds of CPU the whole machine has been busy (every state but idle and iowait, summed
    /// over all CPUs), from the "cpu" line of /proc/stat. Whatever the server and the generator
    /// did not use of it went to other processes or to unattributed kernel work.
    /// </summary>
    public static double? ReadMachineBusy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            // user nice system idle iowait irq softirq steal (guest time is already in user).
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                if (i is 4 or 5)
                {
                    continue;
                }

                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            return busy / s_ticksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
