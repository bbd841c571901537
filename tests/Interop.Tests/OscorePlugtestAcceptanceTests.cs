using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// The OSCORE plugtest samples against each other over real UDP on 127.0.0.1: the built
/// OscorePlugtestServer (contexts "b" and "d" from its appsettings.json, notifications every 200 ms
/// instead of 2 s) and the built OscorePlugtestClient, which runs tests 0–17 of the OSCORE interop test
/// specification and the two block-wise cases, prints a table and exits non-zero when a case fails.
/// Test 16 needs an OSCORE-unaware server: libcoap's coap-server-notls, which answers the OSCORE option
/// with 4.02 Bad Option.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class OscorePlugtestAcceptanceTests : IDisposable
{
    private const int CaseCount = 20;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"coap-plugtest-{Guid.NewGuid():N}");

    [Fact]
    public async Task PlugtestClient_PassesEveryCase_AgainstPlugtestServer()
    {
        await using var unaware = await LibCoapServerProcess.StartAsync(Loopback.V4);
        await using var server = await PlugtestServer.StartAsync(Path.Combine(_state, "server"));

        var result = await RunClientAsync(server, unaware);

        AssertEveryCasePassed(result, server);
    }

    [Fact]
    public async Task PlugtestClient_RunTwiceAgainstOneServer_PassesBothTimes_ItsSequenceNumbersPersist()
    {
        // A second run with in-memory sequence numbers would reuse the first run's Partial IVs: replays.
        await using var unaware = await LibCoapServerProcess.StartAsync(Loopback.V4);
        await using var server = await PlugtestServer.StartAsync(Path.Combine(_state, "server"));

        AssertEveryCasePassed(await RunClientAsync(server, unaware), server);
        AssertEveryCasePassed(await RunClientAsync(server, unaware), server);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private Task<ProcessResult> RunClientAsync(PlugtestServer server, LibCoapServerProcess unaware)
    {
        var client = Locate("Client", "OscorePlugtestClient");
        return PeerProcess.RunAsync(
            SampleProcess.DotNetHost,
            [client, server.BaseUri,
             "--Plugtest:StateDirectory", Path.Combine(_state, "client"),
             "--Plugtest:UnawareServer", unaware.Uri(string.Empty),
             "--Plugtest:CaseTimeout", "00:00:15"],
            s_timeout,
            Path.GetDirectoryName(client));
    }

    private static void AssertEveryCasePassed(ProcessResult result, PlugtestServer server)
    {
        var report = $"{result.Describe()}{Environment.NewLine}server:{Environment.NewLine}{server.Process.Describe()}";
        Assert.True(result.ExitCode == 0, report);
        var verdicts = VerdictLine().Matches(result.StdoutText).ToDictionary(m => m.Groups["number"].Value, m => m.Groups["verdict"].Value);
        Assert.True(verdicts.Count == CaseCount, $"expected {CaseCount} cases in the table.{Environment.NewLine}{report}");
        Assert.True(verdicts.Values.All(v => v == "PASS"), report);
        Assert.Contains($"{CaseCount} passed, 0 failed, 0 skipped", result.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", server.Process.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", server.Process.Stdout, StringComparison.Ordinal);
    }

    /// <summary>samples/OscorePlugtest/{folder}/bin/{Configuration}/{TargetFramework}/{assembly}.dll, matching these tests' output folder.</summary>
    private static string Locate(string folder, string assembly)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent?.Name ?? "Release";
        var path = Path.Combine(RepoPaths.Root, "samples", "OscorePlugtest", folder, "bin", configuration, testOutput.Name, assembly + ".dll");
        Assert.True(File.Exists(path), $"The plugtest sample is not built ('{path}' is missing). Build the solution first: dotnet build Framework.sln -c {configuration}");
        return path;
    }

    [GeneratedRegex(@"^(?<number>\d+)\s+.*?\s(?<verdict>PASS|FAIL|SKIP)\s", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex VerdictLine();

    /// <summary>The plugtest server as a real process on a free port, with a short notification interval and its own state directory.</summary>
    private sealed class PlugtestServer : IAsyncDisposable
    {
        private const int Attempts = 3;

        private PlugtestServer(RunningPeer process, int port)
        {
            Process = process;
            BaseUri = $"coap://{Loopback.V4}:{port.ToString(CultureInfo.InvariantCulture)}";
        }

        public RunningPeer Process { get; }

        public string BaseUri { get; }

        public static async Task<PlugtestServer> StartAsync(string stateDirectory)
        {
            var assembly = Locate("Server", "OscorePlugtestServer");
            var failures = new StringBuilder();
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                var port = FreeUdpPort.Find(IPAddress.Loopback).ToString(CultureInfo.InvariantCulture);
                var process = RunningPeer.Start(
                    SampleProcess.DotNetHost,
                    [assembly, "--urls", $"coap://{Loopback.V4}:{port}",
                     "--Plugtest:NotificationInterval", "00:00:00.2",
                     "--Coap:Security:StateDirectory", stateDirectory],
                    Path.GetDirectoryName(assembly));
                var listening = $"Listening on udp://{Loopback.V4}:{port}";
                if (await process.WaitForOutputAsync(output => output.Contains(listening, StringComparison.Ordinal), TimeSpan.FromSeconds(30)))
                {
                    return new PlugtestServer(process, int.Parse(port, CultureInfo.InvariantCulture));
                }

                failures.AppendLine(CultureInfo.InvariantCulture, $"attempt {attempt} on port {port}:{Environment.NewLine}{process.Describe()}");
                await process.DisposeAsync();
            }

            Assert.Fail($"The plugtest server did not start.{Environment.NewLine}{failures}");
            throw new InvalidOperationException("unreachable");
        }

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
