using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Coap.Templates.Tests.Infrastructure;

/// <summary>
/// A built server running as <c>dotnet App.dll --urls coap://127.0.0.1:0</c>. The port is read
/// from its "Listening on udp://127.0.0.1:PORT" log line, which is also the sign it is ready.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException($"The server exited with {_process.ExitCode} before listening."));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The UDP port the server bound.</summary>
    public int Port => _port.Task.Result;

    /// <summary>Everything the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string assemblyPath)
    {
        var directory = Path.GetDirectoryName(assemblyPath)!;
        var server = new ServerProcess(DotNetCli.Start(directory, assemblyPath, "--urls", "coap://127.0.0.1:0"));
        try
        {
            await server._port.Task.WaitAsync(StartTimeout);
            return server;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The server did not start listening: {ex.Message}\n{server.Output}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _port.TrySetResult(int.Parse(match.Groups["port"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Listening on udp://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
