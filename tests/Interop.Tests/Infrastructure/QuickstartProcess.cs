using System.Globalization;
using System.Net;
using System.Text;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// The Quickstart sample (samples/Quickstart) as a real process: the built Quickstart.dll of the
/// same configuration as these tests, run with <c>dotnet Quickstart.dll --urls coap://127.0.0.1:{port}</c>
/// on a free port, its observer log (Coap.Server at Debug) on stdout. Killed when disposed.
/// </summary>
internal sealed class QuickstartProcess : IAsyncDisposable
{
    private const int Attempts = 3;

    private QuickstartProcess(RunningPeer peer, int port)
    {
        Process = peer;
        Port = port;
    }

    public RunningPeer Process { get; }

    public int Port { get; }

    /// <summary>
    /// samples/Quickstart/bin/{Configuration}/{TargetFramework}/Quickstart.dll, matching the folder
    /// these tests run from (tests/Interop.Tests/bin/{Configuration}/{TargetFramework}); the
    /// solution build (test.sh, or <c>dotnet build Framework.sln -c Release</c>) builds it.
    /// </summary>
    public static string AssemblyPath
    {
        get
        {
            var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent?.Name ?? "Release";
            var path = Path.Combine(RepoPaths.Root, "samples", "Quickstart", "bin", configuration, framework, "Quickstart.dll");
            if (!File.Exists(path))
            {
                Assert.Fail($"The Quickstart sample is not built ('{path}' is missing). Build the solution first: dotnet build Framework.sln -c {configuration}");
            }

            return path;
        }
    }

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH when the SDK set it), else the one on PATH.</summary>
    private static string DotNetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            {
                return processPath;
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, "dotnet"))
                .FirstOrDefault(File.Exists) ?? "dotnet";
        }
    }

    public string Uri(string pathAndQuery) => $"coap://{Loopback.V4}:{Port}{pathAndQuery}";

    /// <summary>Starts the sample and waits until it logs that it listens (a port taken meanwhile is retried on another).</summary>
    public static async Task<QuickstartProcess> StartAsync()
    {
        var assembly = AssemblyPath;
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var port = FreeUdpPort.Find(IPAddress.Loopback);
            var endpoint = $"coap://{Loopback.V4}:{port.ToString(CultureInfo.InvariantCulture)}";
            var peer = RunningPeer.Start(DotNetHost, [assembly, "--urls", endpoint, "--Logging:LogLevel:Coap.Server=Debug"], Path.GetDirectoryName(assembly));
            var listening = $"Listening on udp://{Loopback.V4}:{port.ToString(CultureInfo.InvariantCulture)}";
            if (await peer.WaitForOutputAsync(output => output.Contains(listening, StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
            {
                return new QuickstartProcess(peer, port);
            }

            failures.AppendLine(CultureInfo.InvariantCulture, $"attempt {attempt} on port {port}:{Environment.NewLine}{peer.Describe()}");
            await peer.DisposeAsync();
        }

        Assert.Fail($"The Quickstart sample did not start.{Environment.NewLine}{failures}");
        throw new InvalidOperationException("unreachable");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
