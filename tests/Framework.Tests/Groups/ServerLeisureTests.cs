using Coap.TestUtilities;

namespace Coap.Tests.Groups;

/// <summary>Responses to group requests wait a random delay in [0, Leisure) (RFC 7252 §8.2), on the fake clock.</summary>
public sealed class ServerLeisureTests
{
    private static readonly DelegateHandler Handler = DelegateHandler.Sync(c =>
    {
        c.Response.Code = CoapCode.Content;
        c.Response.WritePayload("22 C"u8);
    });

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999)]
    public async Task Response_LeavesAfterTheDrawnFractionOfLeisure(double draw)
    {
        await using var harness = new ServerGroupHarness(Handler, leisureDraw: draw);
        var start = harness.Time.GetUtcNow();
        var expected = CoapGroupOptions.DefaultLeisure * draw;

        harness.SendMulticast(harness.Request("t"));
        if (expected > TimeSpan.Zero)
        {
            harness.Time.Advance(expected - TimeSpan.FromMilliseconds(1));
            Assert.Empty(harness.Sent);
        }

        harness.Time.Advance(CoapGroupOptions.DefaultLeisure);

        var (at, _, message) = Assert.Single(harness.Sent);
        Assert.Equal(CoapMessageType.NonConfirmable, message.Type);
        Assert.InRange(at - start, expected, expected + TimeSpan.FromMilliseconds(1));
        Assert.True(at - start < CoapGroupOptions.DefaultLeisure);
    }

    [Fact]
    public async Task ConfiguredLeisure_BoundsTheDelay()
    {
        await using var harness = new ServerGroupHarness(Handler, o => o.Leisure = TimeSpan.FromMilliseconds(200), leisureDraw: 0.5);
        var start = harness.Time.GetUtcNow();

        harness.SendMulticast(harness.Request("t"));
        harness.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(harness.Sent);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(100), Assert.Single(harness.Sent).At - start);
    }

    [Fact]
    public async Task UnicastResponse_IsNotDelayed()
    {
        await using var harness = new ServerGroupHarness(Handler, leisureDraw: 0.9);

        harness.SendUnicast(harness.Request("t", type: CoapMessageType.Confirmable));

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(CoapMessageType.Acknowledgement, sent.Message.Type);
    }

    [Fact]
    public async Task SlowHandler_GroupRequest_GetsNoEmptyAck_AndWaitsLeisureAfterTheHandler()
    {
        var done = new TaskCompletionSource();
        var handler = new DelegateHandler(async c =>
        {
            await done.Task;
            c.Response.Code = CoapCode.Content;
            c.Response.WritePayload("late"u8);
        });
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.FromSeconds(2), leisureDraw: 0.5);

        harness.SendMulticast(harness.Request("t"));
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(harness.Sent);

        done.SetResult();
        await WaitUntil(() => handler.Calls == 1 && harness.Server.InFlightRequests == 0);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(CoapMessageType.NonConfirmable, sent.Message.Type);
        Assert.Equal("late", System.Text.Encoding.UTF8.GetString(sent.Message.Payload.Span));
    }

    [Fact]
    public async Task ResponsesPendingInLeisure_AreDropped_WhenTheEndpointStops()
    {
        var harness = new ServerGroupHarness(Handler, leisureDraw: 0.5);
        harness.SendMulticast(harness.Request("t"));

        await harness.DisposeAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(harness.Sent);
    }

    [Fact]
    public async Task EachGroupRequest_GetsItsOwnDraw()
    {
        await using var harness = new ServerGroupHarness(Handler, o => o.Leisure = TimeSpan.FromSeconds(1), leisureDraw: 0.1);
        var start = harness.Time.GetUtcNow();

        harness.SendMulticast(harness.Request("t"));
        harness.Draw.Value = 0.6;
        harness.SendMulticast(harness.Request("t"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(
            [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600)],
            harness.Sent.Select(s => s.At - start).Order().ToArray());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // The handler's continuation runs on the thread pool: wait for it, not for a time.
        while (!condition())
        {
            await Task.Yield();
        }
    }
}
