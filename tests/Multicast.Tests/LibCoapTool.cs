using System.Diagnostics;

namespace Coap.MulticastTests;

/// <summary>
/// libcoap's example programs (coap-client-notls, coap-server-notls, from eng/install-test-peers.sh) and the
/// tools that wire them into namespaces. A missing program fails the test, it never skips it.
/// </summary>
internal static class LibCoapTool
{
    public static string Client => FindOnPath("coap-client-notls");

    public static string Server => FindOnPath("coap-server-notls");

    /// <summary>Runs a program to its end (killed after <paramref name="limit"/>); stdout and stderr as text.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan limit)
    {
        using var process = Start(fileName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var deadline = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync();
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a program that must succeed; fails with its output when it does not.</summary>
    public static async Task RunCheckedAsync(string fileName, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(fileName, arguments, TimeSpan.FromSeconds(10));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}: {stdout}{stderr}");
        }
    }

    public static Process Start(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Kills a process this test started, ignoring one that already exited.</summary>
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

    public static string FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{name}' was not found on PATH. Run eng/install-test-peers.sh (libcoap3-bin) and try again.");
    }
}
