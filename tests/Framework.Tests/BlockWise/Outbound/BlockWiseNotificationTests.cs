using System.Diagnostics;

namespace Coap.Tests.BlockWise.Outbound;

/// <summary>Notifications too large for one message (RFC 7959 §2.6 with RFC 7641).</summary>
public sealed class BlockWiseNotificationTests
{
    [Fact]
    public async Task Rfc7959_2_6_LargeNotification_IsItsFirstBlock_FollowUpsComeFromTheSameRepresentation()
    {
        var time = new TestUtilities.FakeTimeProvider();
        var observations = new CoapObservations(new CoapObservationOptions(), time);
        await using var harness = new BlockServerHarness(5000, observations: observations, time: time);

        var registration = harness.Get("temp", observe: 0, token: 0x77);
        Assert.Equal(CoapMessageType.Acknowledgement, registration.Type);
        Assert.NotNull(registration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(new CoapBlock(0, true, 6), BlockServerHarness.BlockOf(registration));
        Assert.Equal(5000u, registration.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal(1, observations.Count);

        // The new state is larger than a datagram's worth of blocks and than the send buffer allows in one piece.
        harness.Body = BlockServerHarness.MakeBody(100_000);
        harness.Body[0] = 0xEE;
        var before = harness.Count;
        var rendered = observations.CompletedRenderings;
        observations.Notify("/temp");
        WaitFor(() => observations.CompletedRenderings > rendered && harness.Count > before);
        var notification = Assert.Single(harness.Since(before));
        Assert.Equal(CoapCode.Content, notification.Code);
        Assert.Equal(0x77, notification.Token.Span[0]);
        Assert.NotNull(notification.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(new CoapBlock(0, true, 6), BlockServerHarness.BlockOf(notification));
        Assert.Equal(100_000u, notification.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal(harness.Body.AsSpan(0, 1024).ToArray(), notification.Payload.ToArray());
        var etag = BlockServerHarness.ETagOf(notification);
        Assert.NotEqual(BlockServerHarness.ETagOf(registration), etag);
        if (notification.Type == CoapMessageType.Confirmable)
        {
            harness.Send(new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.Empty, MessageId = notification.MessageId });
        }

        // Follow-up GETs without Observe (§2.6) are served from the kept body: the handler does not run again.
        var calls = harness.Calls;
        var body = new List<byte>(notification.Payload.ToArray());
        for (var number = 1; ; number++)
        {
            var reply = harness.Get("temp", new CoapBlock(number, false, 6), token: 0x78);
            Assert.Null(reply.Options.GetUInt(CoapOptionNumber.Observe));
            Assert.Equal(etag, BlockServerHarness.ETagOf(reply));
            body.AddRange(reply.Payload.ToArray());
            if (!BlockServerHarness.BlockOf(reply).More)
            {
                break;
            }
        }

        Assert.Equal(calls, harness.Calls);
        Assert.Equal(harness.Body, body.ToArray());
        Assert.Equal(1, observations.Count);
    }

    [Fact]
    public async Task Rfc7959_2_6_NotificationOverMaxBodySize_FailsTheRenderingButKeepsTheObserver()
    {
        var time = new TestUtilities.FakeTimeProvider();
        var observations = new CoapObservations(new CoapObservationOptions(), time);
        await using var harness = new BlockServerHarness(2000, o => o.MaxBodySize = 4096, observations: observations, time: time);
        harness.Get("temp", observe: 0, token: 0x77);

        harness.Body = BlockServerHarness.MakeBody(5000);
        var before = harness.Count;
        var rendered = observations.CompletedRenderings;
        observations.Notify("/temp");
        WaitFor(() => observations.CompletedRenderings > rendered);
        Assert.Empty(harness.Since(before));
        Assert.Equal(1, observations.Count);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The condition did not hold within 10 s.");
            Thread.Sleep(1);
        }
    }
}
