using System.Text;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>What a peer process did: its exit code, its raw standard output and its standard error.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, byte[] Stdout, string Stderr, bool TimedOut)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>Everything about the run, for assertion messages.</summary>
    public string Describe() =>
        $"command: {CommandLine}{Environment.NewLine}" +
        $"exit: {(TimedOut ? "killed after timeout" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}{Environment.NewLine}" +
        $"stdout ({Stdout.Length} bytes): {StdoutText}{Environment.NewLine}" +
        $"stderr: {Stderr}";
}
