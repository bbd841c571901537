using System.Globalization;
using System.Text.RegularExpressions;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// The README's acceptance check, run for real: the built Quickstart sample
/// (<c>dotnet Quickstart.dll --urls coap://127.0.0.1:{port}</c>) and libcoap observing its
/// <c>GET /time</c>, an <c>[Observable]</c> action that its TimeTicker notifies every second.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class QuickstartAcceptanceTests
{
    [Fact]
    public async Task LibCoapObservingTime_PrintsANewTimeEverySecond_AndDeregistersWhenDone()
    {
        await using var quickstart = await QuickstartProcess.StartAsync();

        // coap-client-notls -s 5 coap://127.0.0.1:{port}/time: the payloads follow each other without line ends, one is added at exit.
        var result = await PeerProcess.RunAsync(Peers.LibCoapClient, ["-s", "5", quickstart.Uri("/time")], TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.Describe());
        var times = TimePattern().Matches(result.StdoutText)
            .Select(m => DateTime.ParseExact(m.Value, "MMM dd HH:mm:ss", CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(times.Distinct().Count() >= 3, $"fewer than 3 distinct times in 5 s.{Environment.NewLine}{result.Describe()}");
        Assert.True(times.Zip(times.Skip(1)).All(pair => pair.Second > pair.First), $"times not increasing (a repeated or stale notification).{Environment.NewLine}{result.Describe()}");
        Assert.True(TimePattern().Replace(result.StdoutText, string.Empty) == "\n", $"unexpected output.{Environment.NewLine}{result.Describe()}");

        // libcoap sends GET with Observe: 1 as it leaves; the sample logs the removal (Coap.Server at Debug).
        Assert.True(
            await quickstart.Process.WaitForOutputAsync(o => o.Contains("no longer observes /time: Deregistered", StringComparison.Ordinal), TimeSpan.FromSeconds(10)),
            quickstart.Process.Describe());
        Assert.DoesNotContain("fail:", quickstart.Process.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", quickstart.Process.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
