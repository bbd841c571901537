using System.Diagnostics;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>Runs a peer to completion with an argument list and a timeout, killing it when the timeout passes.</summary>
internal static class PeerProcess
{
    public static async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = Create(fileName, arguments, workingDirectory);
        var commandLine = FormatCommandLine(fileName, arguments);
        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        var stdoutCopy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderrRead = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                Kill(process);
                await process.WaitForExitAsync();
            }
        }

        await stdoutCopy;
        var stderr = await stderrRead;
        return new ProcessResult(commandLine, timedOut ? -1 : process.ExitCode, stdout.ToArray(), stderr, timedOut);
    }

    public static ProcessStartInfo Create(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    public static string FormatCommandLine(string fileName, IReadOnlyList<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName).Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    /// <summary>Kills a process this test started (and its children), ignoring one that already exited.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
