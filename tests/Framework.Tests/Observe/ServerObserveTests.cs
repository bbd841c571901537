using static Coap.Tests.Observe.ObserveHarness;

namespace Coap.Tests.Observe;

/// <summary>Server-side Observe (RFC 7641) over the in-memory network with a fake clock.</summary>
public sealed class ServerObserveTests
{
    [Fact]
    public async Task Registration_is_answered_with_an_observe_option_and_changes_are_notified()
    {
        await using var h = new ObserveHarness();
        var mid = h.Register(0x4a);
        var ack = Assert.Single(h.Snapshot());
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(mid, ack.MessageId);
        Assert.Equal(CoapCode.Content, ack.Code);
        Assert.NotNull(ObserveOf(ack));
        Assert.Equal("18.5", Text(ack));
        Assert.Equal(1, h.Observations.Count);

        h.Change("19.0");
        var notification = Assert.Single(h.Notifications(0x4a));
        Assert.Equal(CoapMessageType.NonConfirmable, notification.Type);
        Assert.Equal(CoapCode.Content, notification.Code);
        Assert.Equal("19.0", Text(notification));
        Assert.Equal((uint)CoapContentFormat.TextPlain, notification.Options.GetUInt(CoapOptionNumber.ContentFormat));
        Assert.Equal(60u, notification.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.True(ObserveOf(notification) > ObserveOf(ack));
    }

    [Fact]
    public async Task Sequence_numbers_rise_with_every_notification_and_wrap_at_24_bits()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Observations.SetSequence("/temp", 0xFF_FFFE);
        h.Change("1");
        h.Change("2");
        h.Change("3");
        var values = h.Notifications(0x4a).Select(n => ObserveOf(n)!.Value).ToList();
        Assert.Equal([0xFF_FFFFu, 0u, 1u], values);
    }

    [Fact]
    public async Task A_plain_client_gets_one_notification_per_change_and_none_for_an_unchanged_value()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Change("20");
        h.Change("20");
        h.Change("21");
        Assert.Equal(["20", "21"], h.Notifications(0x4a).Select(Text));
    }

    [Fact]
    public async Task Notifications_are_confirmable_at_least_once_per_confirmable_interval()
    {
        await using var h = new ObserveHarness(o => o.ConfirmableInterval = TimeSpan.FromHours(24));
        h.Register(0x4a);
        h.Change("1");
        h.Time.Advance(TimeSpan.FromHours(23));
        h.Change("2");
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Change("3");
        var types = h.Notifications(0x4a).Select(n => n.Type).ToList();
        Assert.Equal([CoapMessageType.NonConfirmable, CoapMessageType.NonConfirmable, CoapMessageType.Confirmable], types);

        h.Reply(h.Notifications(0x4a)[2], CoapMessageType.Acknowledgement);
        h.Change("4");
        Assert.Equal(CoapMessageType.NonConfirmable, h.Notifications(0x4a)[3].Type);
        Assert.Equal(1, h.Observations.Count);
    }

    [Fact]
    public async Task An_observer_that_never_acknowledges_a_confirmable_notification_is_removed()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: "c.con=1");
        h.Change("1");
        Assert.Equal(CoapMessageType.Confirmable, Assert.Single(h.Notifications(0x4a)).Type);
        for (var i = 0; i < 300; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        // The original and MAX_RETRANSMIT (4) retransmissions, then the observer is gone.
        Assert.Equal(5, h.Notifications(0x4a).Count);
        Assert.Equal(0, h.Observations.Count);
        Assert.Equal(0, h.Server.AwaitingAcknowledgement);
    }

    [Fact]
    public async Task A_new_state_replaces_an_unacknowledged_confirmable_notification()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: "c.con=1");
        h.Change("1");
        h.Change("2");
        var sent = h.Notifications(0x4a);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, n => Assert.Equal(CoapMessageType.Confirmable, n.Type));
        Assert.NotEqual(sent[0].MessageId, sent[1].MessageId);
        Assert.Equal(1, h.Server.AwaitingAcknowledgement);

        // Only the newest is retransmitted.
        h.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("2", Text(h.Notifications(0x4a)[^1]));
        h.Reply(h.Notifications(0x4a)[^1], CoapMessageType.Acknowledgement);
        Assert.Equal(0, h.Server.AwaitingAcknowledgement);
        Assert.Equal(1, h.Observations.Count);
    }

    [Fact]
    public async Task A_reset_to_a_non_confirmable_notification_removes_the_observer()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Change("1");
        h.Reply(Assert.Single(h.Notifications(0x4a)), CoapMessageType.Reset);
        Assert.Equal(0, h.Observations.Count);
        Assert.Equal(0, h.Observations.GetObserverCount("/temp"));

        // Nobody observes: a change renders nothing.
        h.Observations.Notify("/temp");
        Assert.Equal(1, h.Renderings);
    }

    [Fact]
    public async Task A_reset_to_a_confirmable_notification_removes_the_observer()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: "c.con=1");
        h.Change("1");
        h.Reply(Assert.Single(h.Notifications(0x4a)), CoapMessageType.Reset);
        Assert.Equal(0, h.Observations.Count);
        Assert.Equal(0, h.Server.AwaitingAcknowledgement);
    }

    [Fact]
    public async Task Re_registration_with_the_same_token_replaces_the_registration()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Register(0x4a, query: "c.gt=25");
        Assert.Equal(1, h.Observations.Count);

        // The replacement's conditions apply: 20 does not cross 25, 26 does.
        h.Change("20");
        h.Change("26");
        Assert.Equal(["26"], h.Notifications(0x4a).Select(Text));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(null)]
    public async Task Observe_1_or_a_plain_get_with_the_same_token_deregisters(uint? observe)
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Register(0x4a, observe);
        Assert.Equal(0, h.Observations.Count);
        var answer = h.Snapshot()[^1];
        Assert.Equal(CoapCode.Content, answer.Code);
        Assert.Null(ObserveOf(answer));
    }

    [Fact]
    public async Task Registrations_beyond_the_limit_are_refused_with_5_03()
    {
        await using var h = new ObserveHarness(o => o.MaxObservations = 2);
        h.Register(1);
        h.Register(2);
        h.Register(3);
        Assert.Equal(2, h.Observations.Count);
        var refused = h.Snapshot()[^1];
        Assert.Equal(CoapCode.ServiceUnavailable, refused.Code);
        Assert.Null(ObserveOf(refused));
    }

    [Fact]
    public async Task Registrations_beyond_the_per_peer_limit_are_refused_with_5_03()
    {
        await using var h = new ObserveHarness(o => o.MaxObservationsPerPeer = 1);
        h.Register(1);
        h.Register(2);
        Assert.Equal(1, h.Observations.Count);
        Assert.Equal(CoapCode.ServiceUnavailable, h.Snapshot()[^1].Code);
    }

    [Fact]
    public async Task An_error_from_the_resource_ends_every_observation_with_a_final_response()
    {
        await using var h = new ObserveHarness();
        h.Register(1);
        h.Register(2);
        h.Code = CoapCode.NotFound;
        h.Change("gone");
        foreach (var token in new byte[] { 1, 2 })
        {
            var final = Assert.Single(h.Notifications(token));
            Assert.Equal(CoapCode.NotFound, final.Code);
            Assert.Null(ObserveOf(final));
        }

        Assert.Equal(0, h.Observations.Count);
    }

    [Fact]
    public async Task Ten_thousand_observers_cost_one_rendering_per_change()
    {
        await using var h = new ObserveHarness(o => o.MaxObservationsPerPeer = 20_000, m => m.DeduplicationCapacity = 20_000);
        const int observers = 10_000;
        var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get };
        for (var i = 0; i < observers; i++)
        {
            message.MessageId = (ushort)i;
            message.Token = BitConverter.GetBytes(i);
            message.Options.Clear();
            message.Options.Add(CoapOptionNumber.Observe, 0u);
            message.Options.Add(CoapOptionNumber.UriPath, "temp");
            h.Send(message);
        }

        Assert.Equal(observers, h.Observations.Count);
        var receivedBefore = h.Snapshot().Count;
        h.Change("30");
        Assert.Equal(1, h.Renderings);
        Assert.Equal(observers, h.Snapshot().Count - receivedBefore);
        h.Change("31");
        Assert.Equal(2, h.Renderings);
        Assert.Equal(2 * observers, h.Snapshot().Count - receivedBefore);
    }

    [Fact]
    public async Task Fetch_observations_are_notified_like_get()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a, method: CoapCode.Fetch);
        Assert.NotNull(ObserveOf(Assert.Single(h.Snapshot())));
        h.Change("22");
        Assert.Equal("22", Text(Assert.Single(h.Notifications(0x4a))));
    }

    [Fact]
    public async Task Invalid_conditional_attributes_are_answered_4_00_and_not_registered()
    {
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: ["c.pmin=10", "c.pmax=5"]);
        var answer = Assert.Single(h.Snapshot());
        Assert.Equal(CoapCode.BadRequest, answer.Code);
        Assert.Equal(0, h.Observations.Count);
    }

    [Fact]
    public async Task Numeric_conditions_on_a_text_resource_are_answered_4_00()
    {
        await using var h = new ObserveHarness { Value = "open" };
        h.Register(0x4a, query: "c.gt=5");
        Assert.Equal(CoapCode.BadRequest, Assert.Single(h.Snapshot()).Code);
        Assert.Equal(0, h.Observations.Count);
    }

    [Fact]
    public async Task Pmin_defers_a_change_until_the_minimum_period_has_passed()
    {
        // dynlink Appendix A.1: 23 arrives 6 s after the registration and is held back; 26 is sent once pmin expires.
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: "c.pmin=10");
        h.Time.Advance(TimeSpan.FromSeconds(6));
        h.Change("23");
        Assert.Empty(h.Notifications(0x4a));
        h.Time.Advance(TimeSpan.FromSeconds(3));
        h.Change("26");
        Assert.Empty(h.Notifications(0x4a));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["26"], h.Notifications(0x4a).Select(Text));
    }

    [Fact]
    public async Task Pmax_forces_a_notification_of_the_unchanged_state_and_caps_max_age()
    {
        // dynlink Appendix A.2: pmax=20 resends the unchanged 23 twenty seconds after the last notification.
        await using var h = new ObserveHarness();
        h.Register(0x4a, query: "c.pmax=20");
        Assert.Equal(20u, Assert.Single(h.Snapshot()).Options.GetUInt(CoapOptionNumber.MaxAge));
        h.Time.Advance(TimeSpan.FromSeconds(7));
        h.Change("23");
        Assert.Single(h.Notifications(0x4a));
        h.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Single(h.Notifications(0x4a));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var forced = h.Notifications(0x4a);
        Assert.Equal(["23", "23"], forced.Select(Text));
        Assert.Equal(20u, forced[1].Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.True(ObserveOf(forced[1]) > ObserveOf(forced[0]));
    }

    [Fact]
    public async Task Observers_with_different_conditions_see_independent_streams()
    {
        await using var h = new ObserveHarness();
        h.Register(1);
        h.Register(2, query: "c.gt=25");
        h.Register(3, query: "c.st=5");
        h.Change("20");
        h.Change("26");
        h.Change("27");
        Assert.Equal(["20", "26", "27"], h.Notifications(1).Select(Text));
        Assert.Equal(["26"], h.Notifications(2).Select(Text));
        Assert.Equal(["26"], h.Notifications(3).Select(Text));
        Assert.Equal(3, h.Renderings);
    }

    [Fact]
    public async Task A_representation_too_large_for_a_datagram_is_sent_as_its_first_block_and_the_observers_stay()
    {
        // RFC 7959 §2.6: the first block carries Observe; the rest is fetched with Block2 GETs.
        await using var h = new ObserveHarness();
        h.Register(0x4a);
        h.Change(new string('x', 70_000));
        var large = Assert.Single(h.Notifications(0x4a));
        Assert.True(CoapBlock.TryDecode(large.Options.GetAll(CoapOptionNumber.Block2).Single().Value.Span, out var block));
        Assert.Equal(new CoapBlock(0, true, 6), block);
        Assert.Equal(70_000u, large.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal(1, h.Observations.Count);

        h.Change("20");
        Assert.Equal("20", Text(h.Notifications(0x4a)[^1]));
    }

    [Fact]
    public async Task Observers_are_dropped_when_the_endpoint_stops()
    {
        var h = new ObserveHarness();
        h.Register(1);
        await h.DisposeAsync();
        Assert.Equal(0, h.Observations.Count);
    }
}
