using System.Net;
using Coap.Routing;
using Coap.TestUtilities;

namespace Coap.Tests.Groups;

/// <summary>
/// A group's own Leisure (GC-CC-14) and the per-resource opt-out of the library's delays
/// (<c>[Multicast(DelayResponses = false)]</c>, GC-LEI-07), on the fake clock.
/// </summary>
public sealed class ServerGroupLeisureTests
{
    private static readonly IPAddress _lights = IPAddress.Parse("239.1.2.3");

    private static readonly DelegateHandler _handler = DelegateHandler.Sync(c => c.Response.WritePayload("22 C"u8));

    [Fact]
    public async Task Response_ToARequestOnAGroupWithItsOwnLeisure_WaitsTheDrawOfThatLeisure()
    {
        await using var harness = new ServerGroupHarness(_handler, WithLights(TimeSpan.FromSeconds(1)), leisureDraw: 0.5);
        var start = harness.Time.GetUtcNow();

        harness.SendMulticast(harness.Request("t"), _lights);
        harness.Time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Empty(harness.Sent);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(500), Assert.Single(harness.Sent).At - start);
    }

    [Fact]
    public async Task Response_ToARequestOnAnotherGroup_WaitsTheGlobalLeisure()
    {
        await using var harness = new ServerGroupHarness(_handler, WithLights(TimeSpan.FromSeconds(1)), leisureDraw: 0.5);
        var start = harness.Time.GetUtcNow();

        harness.SendMulticast(harness.Request("t"));
        harness.Time.Advance(CoapGroupOptions.DefaultLeisure);

        Assert.Equal(CoapGroupOptions.DefaultLeisure / 2, Assert.Single(harness.Sent).At - start);
    }

    [Fact]
    public async Task GroupWithZeroLeisure_AnswersAtOnce()
    {
        await using var harness = new ServerGroupHarness(_handler, WithLights(TimeSpan.Zero), leisureDraw: 0.5);

        harness.SendMulticast(harness.Request("t"), _lights);

        Assert.Equal(CoapMessageType.NonConfirmable, Assert.Single(harness.Sent).Message.Type);
    }

    [Fact]
    public async Task Response_OfAnActionWithoutLibraryDelays_GoesAtOnce()
    {
        var handler = DelegateHandler.Sync(c =>
        {
            CoapMulticastGate.SendWithoutLeisure(c);
            c.Response.WritePayload("now"u8);
        });
        await using var harness = new ServerGroupHarness(handler, leisureDraw: 0.9);

        harness.SendMulticast(harness.Request("t"));

        var (_, _, message) = Assert.Single(harness.Sent);
        Assert.Equal(CoapMessageType.NonConfirmable, message.Type);
        Assert.Equal("now", System.Text.Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public async Task ActionWithoutLibraryDelays_StillHasItsErrorsSuppressed()
    {
        var handler = DelegateHandler.Sync(c =>
        {
            CoapMulticastGate.SendWithoutLeisure(c);
            c.Response.Code = CoapCode.NotFound;
        });
        await using var harness = new ServerGroupHarness(handler, leisureDraw: 0.5);

        harness.SendMulticast(harness.Request("t"));
        harness.Time.Advance(CoapGroupOptions.DefaultLeisure);

        Assert.Empty(harness.Sent);
    }

    private static Action<CoapGroupOptions> WithLights(TimeSpan leisure) =>
        o => o.Members["lights"] = new CoapGroupEntry { Uri = "coap://239.1.2.3", Leisure = leisure };
}
