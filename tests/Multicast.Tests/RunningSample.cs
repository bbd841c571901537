using Coap.Interop.Tests.Infrastructure;

namespace Coap.MulticastTests;

/// <summary>
/// A built sample (samples/…/bin/{Configuration}/{TargetFramework}/{name}.dll, the configuration these tests run
/// in) as a real process inside the namespace, on a fixed address and port 5683 (group members share the group
/// port, so no free port is picked). Started from its own folder; killed when disposed.
/// </summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(30);

    private RunningSample(RunningPeer process, string address)
    {
        Process = process;
        Address = address;
    }

    public RunningPeer Process { get; }

    /// <summary>The unicast address it listens on, port 5683.</summary>
    public string Address { get; }

    /// <summary>Starts <paramref name="assembly"/> with <c>--urls coap://{address}:5683</c> and waits until it listens.</summary>
    public static async Task<RunningSample> StartAsync(string assembly, string address, params string[] arguments)
    {
        var peer = RunningPeer.Start(DotNetHost, [assembly, "--urls", $"coap://{address}:5683", .. arguments], Path.GetDirectoryName(assembly));
        var sample = new RunningSample(peer, address);
        if (!await peer.WaitForOutputAsync(output => output.Contains($"Listening on udp://{address}:5683", StringComparison.Ordinal), s_startLimit))
        {
            var description = peer.Describe();
            await sample.DisposeAsync();
            Assert.Fail($"The sample did not start.{Environment.NewLine}{description}");
        }

        return sample;
    }

    /// <summary>Runs <paramref name="assembly"/> to completion (a client), killed after <paramref name="limit"/>.</summary>
    public static Task<ProcessResult> RunAsync(string assembly, IReadOnlyList<string> arguments, TimeSpan limit) =>
        PeerProcess.RunAsync(DotNetHost, [assembly, .. arguments], limit, Path.GetDirectoryName(assembly));

    /// <summary>samples/{folder}/bin/{Configuration}/{TargetFramework}/{name}.dll, matching these tests' output folder.</summary>
    public static string Locate(string folder, string name)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent?.Name ?? "Release";
        var path = Path.Combine(RepoPaths.Root, "samples", folder, "bin", configuration, testOutput.Name, name + ".dll");
        if (!File.Exists(path))
        {
            Assert.Fail($"The sample is not built ('{path}' is missing). Build the solution first: dotnet build Framework.sln -c {configuration}");
        }

        return path;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

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
}
