using BenchmarkDotNet.Running;

namespace Coap.Microbenchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*'</c>, or with
/// <c>--oscore-allocations</c> the OSCORE allocation profile instead.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--oscore-allocations"])
        {
            OscoreAllocationProfile.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
