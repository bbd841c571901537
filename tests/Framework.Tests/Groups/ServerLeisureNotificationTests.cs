using Coap.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Groups;

/// <summary>Notifications to an observation registered by a group request wait a Leisure too (groupcomm-bis §3.7, GC-LEI-04).</summary>
public sealed class ServerLeisureNotificationTests
{
    [Fact]
    public async Task Notification_AfterAGroupRegistration_LeavesAfterTheDrawnFractionOfLeisure()
    {
        var value = 20;
        var handler = DelegateHandler.Sync(c =>
        {
            if (c.EnableObserve())
            {
                c.Response.WritePayload($"{Volatile.Read(ref value)} C");
            }
        });
        await using var harness = new ServerGroupHarness(handler, leisureDraw: 0.5);
        var observations = new CoapObservations(new CoapObservationOptions(), harness.Time);
        observations.Attach(NullLogger.Instance, harness.Metrics);
        harness.Server.Observations = observations;
        var registration = harness.Request("temp");
        registration.Options.Add(CoapOptionNumber.Observe, 0u);
        var half = CoapGroupOptions.DefaultLeisure / 2;

        harness.SendMulticast(registration);
        harness.Time.Advance(half);
        Assert.Equal("20 C", System.Text.Encoding.UTF8.GetString(Assert.Single(harness.Sent).Message.Payload.Span));

        Volatile.Write(ref value, 21);
        var timers = harness.Time.ScheduledTimerCount;
        observations.Notify("/temp");
        await WaitForLeisureTimerAsync(harness, timers);
        Assert.Single(harness.Sent);
        harness.Time.Advance(half - TimeSpan.FromMilliseconds(1));
        Assert.Single(harness.Sent);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        var (_, to, notification) = harness.Sent[^1];
        Assert.Equal(2, harness.Sent.Count);
        Assert.Equal("21 C", System.Text.Encoding.UTF8.GetString(notification.Payload.Span));
        Assert.Equal(ServerGroupHarness.ClientAddress, to);
        Assert.Equal(CoapMessageType.NonConfirmable, notification.Type);
        Assert.NotNull(notification.Options.GetUInt(CoapOptionNumber.Observe));
    }

    /// <summary>Notify renders on the thread pool: waits until the rendering has handed its datagram to a Leisure timer.</summary>
    private static async Task WaitForLeisureTimerAsync(ServerGroupHarness harness, int timersBefore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (harness.Time.ScheduledTimerCount <= timersBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "the notification was not rendered");
            await Task.Delay(5);
        }
    }
}
