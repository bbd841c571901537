using System.Runtime.InteropServices;

namespace Coap.Microbenchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a machine shared with other
/// work, time per operation on the thread's own CPU leaves out the time other processes ran (though a VM's
/// stolen time and shared caches still show in it).
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Nanoseconds of CPU this thread has used; null where the clock is unavailable.</summary>
    public static long? NowNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return clock_gettime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : null;
    }

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
