using System.Net;

namespace Coap.MulticastTests;

/// <summary>
/// The Lighting sample as its README runs it: three lamp processes (kitchen, hall, porch on 127.0.0.1–3) in the
/// lights group and the LightSwitch program, which switches them all with one multicast PUT and lists who answered.
/// </summary>
public sealed class LightingSampleTests(LightingLamps lamps) : IClassFixture<LightingLamps>
{
    private static readonly TimeSpan s_runLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_group_PUT_switches_every_lamp_and_the_switch_lists_who_answered()
    {
        var result = await RunSwitchAsync("on");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("kitchen: on (127.0.0.1:5683)", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("hall: on (127.0.0.2:5683)", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("porch: on (127.0.0.3:5683)", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("3 lamps answered.", result.StdoutText, StringComparison.Ordinal);

        // Each lamp really is on: ask each one by unicast.
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        foreach (var (name, address, _) in LightingLamps.Lamps)
        {
            var response = await client.SendAsync(CoapRequest.Get($"coap://{address}:5683/light"));
            Assert.Equal($"{name}: on", response.GetPayloadAsString());
        }

        var off = await RunSwitchAsync("off");
        Assert.True(off.ExitCode == 0, Describe(off));
        Assert.Contains("3 lamps answered.", off.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_is_one_group_GET_answered_by_every_lamp()
    {
        var result = await RunSwitchAsync("status");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("3 lamps answered.", result.StdoutText, StringComparison.Ordinal);
        Assert.All(LightingLamps.Lamps, lamp => Assert.Contains($"{lamp.Name}: ", result.StdoutText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_room_is_an_application_group_only_its_lamps_answer()
    {
        var entrance = await RunSwitchAsync("status", "--room", "entrance");
        var nowhere = await RunSwitchAsync("status", "--room", "cellar");

        Assert.True(entrance.ExitCode == 0, Describe(entrance));
        Assert.Contains("GET coap://239.255.0.1/gp/entrance/light", entrance.StdoutText, StringComparison.Ordinal);
        Assert.Contains("hall: ", entrance.StdoutText, StringComparison.Ordinal);
        Assert.Contains("porch: ", entrance.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain("kitchen", entrance.StdoutText, StringComparison.Ordinal);
        Assert.Contains("2 lamps answered.", entrance.StdoutText, StringComparison.Ordinal);
        Assert.True(nowhere.ExitCode == 1, Describe(nowhere));
    }

    [Fact]
    public async Task The_switch_exits_with_1_when_no_lamp_answers()
    {
        // No lamp is in 239.255.0.2.
        var result = await RunSwitchAsync("on", "--group", "coap://239.255.0.2");

        Assert.True(result.ExitCode == 1, Describe(result));
        Assert.Contains("No lamp answered", result.StdoutText, StringComparison.Ordinal);
    }

    private static Task<Interop.Tests.Infrastructure.ProcessResult> RunSwitchAsync(params string[] arguments) =>
        RunningSample.RunAsync(RunningSample.Locate("Lighting/Switch", "LightSwitch"), [.. arguments, "--timeout", "00:00:01.5"], s_runLimit);

    private string Describe(Interop.Tests.Infrastructure.ProcessResult result) =>
        $"{result.Describe()}{Environment.NewLine}{lamps.Samples.Describe()}";
}
