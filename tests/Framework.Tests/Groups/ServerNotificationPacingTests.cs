using System.Net;
using System.Text;
using Coap.Routing;
using Coap.TestUtilities;

namespace Coap.Tests.Groups;

/// <summary>
/// Notifications to observations registered by group requests take one Leisure slot each, per group address
/// (groupcomm-bis §3.7, GC-LEI-04): a new slot starts when the previous one ends. Fake clock, fixed draws.
/// </summary>
public sealed class ServerNotificationPacingTests
{
    private static readonly TimeSpan _leisure = CoapGroupOptions.DefaultLeisure;
    private static readonly IPAddress _lights = IPAddress.Parse("239.1.2.3");

    private int _version = 1;

    [Fact]
    public async Task SecondGroupNotification_WaitsForTheFirstSlotToEnd_ThenItsOwnDraw()
    {
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var start = Register(harness, harness.Registration("a"), harness.Registration("b"));

        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");
        harness.Draw.Value = 0.2;
        harness.Time.Advance(_leisure - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["/a 2"], Payloads(harness, start));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1) + (_leisure * 0.2) - TimeSpan.FromMilliseconds(1));
        Assert.Single(Notifications(harness, start));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        var sent = Notifications(harness, start);
        Assert.Equal(["/a 2", "/b 2"], Payloads(harness, start));
        Assert.Equal([_leisure * 0.5, _leisure + (_leisure * 0.2)], sent.Select(s => s.At - start).ToArray());
    }

    [Fact]
    public async Task QueuedNotification_IsReplacedByANewerOne_OnlyTheNewestIsSent()
    {
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var start = Register(harness, harness.Registration("a"), harness.Registration("b"));

        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");
        _version = 3;
        await NotifyAsync(observations, "/b");
        harness.Time.Advance(_leisure * 3);

        Assert.Equal(["/a 2", "/b 3"], Payloads(harness, start));
        Assert.Equal(_leisure * 1.5, Notifications(harness, start)[1].At - start);
    }

    [Fact]
    public async Task ConfirmableNotification_WaitsItsDraw_ThenRetransmitsOnAckTimeoutsOnly()
    {
        var messaging = new CoapMessagingOptions { AckRandomFactor = 1.0 };
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5, messaging: messaging);
        var observations = harness.Observe(new CoapObservationOptions { ConfirmableInterval = TimeSpan.FromMilliseconds(1) });
        var start = Register(harness, harness.Registration("a"));

        _version = 2;
        await NotifyAsync(observations, "/a");
        harness.Time.Advance((_leisure * 0.5) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Notifications(harness, start));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1) + (messaging.AckTimeout * 3));

        var sent = Notifications(harness, start);
        var first = _leisure * 0.5;
        Assert.Equal([first, first + messaging.AckTimeout, first + (messaging.AckTimeout * 3)], sent.Select(s => s.At - start).ToArray());
        Assert.All(sent, s => Assert.Equal(CoapMessageType.Confirmable, s.Message.Type));
        Assert.Single(sent.Select(s => s.Message.MessageId).Distinct());
    }

    [Fact]
    public async Task DifferentGroupAddresses_HaveIndependentSlots()
    {
        await using var harness = new ServerGroupHarness(Handler(), o => o.Members["lights"] = new CoapGroupEntry { Uri = "coap://239.1.2.3" }, leisureDraw: 0.5);
        var observations = harness.Observe();
        harness.SendMulticast(harness.Registration("a"));
        harness.SendMulticast(harness.Registration("b"), _lights);
        harness.Time.Advance(_leisure);
        var start = harness.Time.GetUtcNow();

        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");
        harness.Time.Advance(_leisure * 0.5);

        Assert.Equal(["/a 2", "/b 2"], Payloads(harness, start).Order().ToArray());
        Assert.All(Notifications(harness, start), s => Assert.Equal(_leisure * 0.5, s.At - start));
    }

    [Fact]
    public async Task GroupWithItsOwnLeisure_PacesItsSlotsByThatLeisure()
    {
        var own = TimeSpan.FromSeconds(1);
        await using var harness = new ServerGroupHarness(Handler(), o => o.Members["lights"] = new CoapGroupEntry { Uri = "coap://239.1.2.3", Leisure = own }, leisureDraw: 0.5);
        var observations = harness.Observe();
        harness.SendMulticast(harness.Registration("a"), _lights);
        harness.SendMulticast(harness.Registration("b"), _lights);
        harness.Time.Advance(own);
        var start = harness.Time.GetUtcNow();

        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");
        harness.Time.Advance(own * 2);

        Assert.Equal([own * 0.5, own * 1.5], Notifications(harness, start).Select(s => s.At - start).ToArray());
    }

    [Fact]
    public async Task UnicastReRegistration_IsNoLongerPaced()
    {
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var registration = harness.Registration("a");
        harness.SendMulticast(registration);
        harness.Time.Advance(_leisure);
        var again = harness.Registration("a");
        again.Token = registration.Token;
        harness.SendUnicast(again);
        var start = harness.Time.GetUtcNow();
        var before = harness.Sent.Count;

        _version = 2;
        await NotifyAsync(observations, "/a");

        var (_, _, notification) = Assert.Single(harness.Sent.Skip(before));
        Assert.Equal("/a 2", Encoding.UTF8.GetString(notification.Payload.Span));
        Assert.Equal(start, harness.Sent[^1].At);
    }

    [Fact]
    public async Task UnicastRegistrant_SharingTheRepresentationWithAGroupRegistrant_IsNotPaced()
    {
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var group = harness.Registration("a");
        harness.SendMulticast(group);
        harness.Time.Advance(_leisure);
        var unicast = harness.Registration("a");
        harness.SendUnicast(unicast);
        var start = harness.Time.GetUtcNow();
        var before = harness.Sent.Count;

        _version = 2;
        await NotifyAsync(observations, "/a");
        var atOnce = Assert.Single(harness.Sent.Skip(before));
        harness.Time.Advance(_leisure * 0.5);

        Assert.Equal(unicast.Token.ToArray(), atOnce.Message.Token.ToArray());
        Assert.Equal(start, atOnce.At);
        var paced = harness.Sent[^1];
        Assert.Equal(group.Token.ToArray(), paced.Message.Token.ToArray());
        Assert.Equal(start + (_leisure * 0.5), paced.At);
    }

    [Fact]
    public async Task QueuedNotification_OfAnObservationCancelledMeanwhile_IsDropped_AndTakesNoSlot()
    {
        await using var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var registrations = new[] { harness.Registration("a"), harness.Registration("b"), harness.Registration("c") };
        var start = Register(harness, registrations);

        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");
        await NotifyAsync(observations, "/c");
        var cancel = harness.Request("b");
        cancel.Token = registrations[1].Token;
        cancel.Options.Add(CoapOptionNumber.Observe, 1u);
        harness.SendUnicast(cancel);
        var cancelled = harness.Sent.Count;
        harness.Time.Advance(_leisure * 3);

        Assert.Equal(["/a 2", "/c 2"], harness.Sent.Skip(cancelled).Select(s => Encoding.UTF8.GetString(s.Message.Payload.Span)).ToArray());
        Assert.Equal(_leisure * 1.5, harness.Sent[^1].At - start);
    }

    [Fact]
    public async Task ObservationRegisteredThroughAnActionWithoutLibraryDelays_IsNotPaced()
    {
        var handler = DelegateHandler.Sync(c =>
        {
            CoapMulticastGate.SendWithoutLeisure(c);
            if (c.EnableObserve())
            {
                c.Response.WritePayload($"{c.GetPath()} {Volatile.Read(ref _version)}");
            }
        });
        await using var harness = new ServerGroupHarness(handler, leisureDraw: 0.5);
        var observations = harness.Observe();
        harness.SendMulticast(harness.Registration("a"));
        Assert.Single(harness.Sent);

        _version = 2;
        await NotifyAsync(observations, "/a");

        Assert.Equal(2, harness.Sent.Count);
        Assert.Equal("/a 2", Encoding.UTF8.GetString(harness.Sent[^1].Message.Payload.Span));
    }

    [Fact]
    public async Task NotificationsWaitingForASlot_AreNotSent_AfterTheEndpointStops()
    {
        var harness = new ServerGroupHarness(Handler(), leisureDraw: 0.5);
        var observations = harness.Observe();
        var start = Register(harness, harness.Registration("a"), harness.Registration("b"));
        _version = 2;
        await NotifyAsync(observations, "/a");
        await NotifyAsync(observations, "/b");

        await harness.DisposeAsync();
        harness.Time.Advance(_leisure * 3);

        Assert.Empty(Notifications(harness, start));
        Assert.Equal(0, harness.Time.ScheduledTimerCount);
    }

    private DelegateHandler Handler() => DelegateHandler.Sync(c =>
    {
        if (c.EnableObserve())
        {
            c.Response.WritePayload($"{c.GetPath()} {Volatile.Read(ref _version)}");
        }
    });

    /// <summary>Registers via All CoAP Nodes and lets the registration responses' _leisure pass; returns the time after.</summary>
    private static DateTimeOffset Register(ServerGroupHarness harness, params CoapMessage[] registrations)
    {
        foreach (var registration in registrations)
        {
            harness.SendMulticast(registration);
        }

        harness.Time.Advance(_leisure);
        Assert.Equal(registrations.Length, harness.Sent.Count);
        return harness.Time.GetUtcNow();
    }

    private static List<(DateTimeOffset At, IPEndPoint To, CoapMessage Message)> Notifications(ServerGroupHarness harness, DateTimeOffset after) =>
        harness.Sent.Where(s => s.At >= after && s.Message.Options.GetUInt(CoapOptionNumber.Observe) is not null).ToList();

    private static string[] Payloads(ServerGroupHarness harness, DateTimeOffset after) =>
        Notifications(harness, after).Select(s => Encoding.UTF8.GetString(s.Message.Payload.Span)).ToArray();

    /// <summary>Notify renders on the thread pool: waits (in real time) until the rendering was delivered.</summary>
    private static async Task NotifyAsync(CoapObservations observations, string path)
    {
        var before = observations.CompletedRenderings;
        observations.Notify(path);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (observations.CompletedRenderings <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the notification was not rendered");
            await Task.Delay(5);
        }
    }
}
