using System.Diagnostics;
using System.Text;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// A peer process that keeps running while the test acts (an observing client, a server): its
/// standard output and error are captured as they arrive, so the test can wait for what it printed
/// so far. Killed (with its children) when disposed.
/// </summary>
internal sealed class RunningPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Task _pumps;

    private RunningPeer(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    public string CommandLine { get; }

    /// <summary>Everything written to standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static RunningPeer Start(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var process = new Process { StartInfo = PeerProcess.Create(fileName, arguments, workingDirectory) };
        process.Start();
        process.StandardInput.Close();
        return new RunningPeer(process, PeerProcess.FormatCommandLine(fileName, arguments));
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the standard output so far. False when
    /// <paramref name="limit"/> passed first, or when the process exited (and all it wrote was read) without it holding.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(Func<string, bool> condition, TimeSpan limit)
    {
        var exited = false;
        var holds = await Eventually.HoldsAsync(
            () =>
            {
                exited = _pumps.IsCompleted;
                return condition(Stdout) || exited;
            },
            limit);
        return holds && (!exited || condition(Stdout));
    }

    /// <summary>Waits until the process exited and its output was read; false when <paramref name="limit"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await _pumps.WaitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process (SIGKILL: it gets no chance to say goodbye to its peers) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        PeerProcess.Kill(_process);
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The command line, the exit state and the output so far, for assertion messages.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";
        return $"command: {CommandLine}{Environment.NewLine}" +
            $"state: {state}{Environment.NewLine}" +
            $"stdout: {Stdout}{Environment.NewLine}" +
            $"stderr: {Stderr}";
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_gate)
            {
                output.Append(buffer, 0, read);
            }
        }
    }
}
