using System.Globalization;
using System.Net;
using System.Text;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// A sample server (samples/{name}) as a real process: the built {name}.dll of the same
/// configuration as these tests, run with <c>dotnet {name}.dll --urls coap://127.0.0.1:{port}</c>
/// on a free port. Killed when disposed. Like <see cref="QuickstartProcess"/>, for any sample.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private const int Attempts = 3;

    private SampleProcess(RunningPeer peer, string assembly, int port)
    {
        Process = peer;
        AssemblyPath = assembly;
        Port = port;
    }

    public RunningPeer Process { get; }

    /// <summary>The sample's built assembly, to run it again (e.g. in a client mode).</summary>
    public string AssemblyPath { get; }

    public int Port { get; }

    public string BaseUri => $"coap://{Loopback.V4}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH when the SDK set it), else the one on PATH.</summary>
    public static string DotNetHost
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

    public string Uri(string pathAndQuery) => BaseUri + pathAndQuery;

    /// <summary>samples/{name}/bin/{Configuration}/{TargetFramework}/{name}.dll, matching these tests' output folder.</summary>
    public static string Locate(string name)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Release";
        var path = Path.Combine(RepoPaths.Root, "samples", name, "bin", configuration, framework, name + ".dll");
        if (!File.Exists(path))
        {
            Assert.Fail($"The {name} sample is not built ('{path}' is missing). Build the solution first: dotnet build Framework.sln -c {configuration}");
        }

        return path;
    }

    /// <summary>Starts the sample and waits until it logs that it listens (a port taken meanwhile is retried on another).</summary>
    public static async Task<SampleProcess> StartAsync(string name)
    {
        var assembly = Locate(name);
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var port = FreeUdpPort.Find(IPAddress.Loopback);
            var endpoint = $"coap://{Loopback.V4}:{port.ToString(CultureInfo.InvariantCulture)}";
            var peer = RunningPeer.Start(DotNetHost, [assembly, "--urls", endpoint], Path.GetDirectoryName(assembly));
            var listening = $"Listening on udp://{Loopback.V4}:{port.ToString(CultureInfo.InvariantCulture)}";
            if (await peer.WaitForOutputAsync(output => output.Contains(listening, StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
            {
                return new SampleProcess(peer, assembly, port);
            }

            failures.AppendLine(CultureInfo.InvariantCulture, $"attempt {attempt} on port {port}:{Environment.NewLine}{peer.Describe()}");
            await peer.DisposeAsync();
        }

        Assert.Fail($"The {name} sample did not start.{Environment.NewLine}{failures}");
        throw new InvalidOperationException("unreachable");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
