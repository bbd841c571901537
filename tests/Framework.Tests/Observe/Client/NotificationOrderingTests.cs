using Coap.Exchanges;

namespace Coap.Tests.Observe.Client;

/// <summary>Reordered notifications are dropped (RFC 7641 §3.4): 24-bit sequence numbers with wrap-around and a 128-second escape.</summary>
public sealed class NotificationOrderingTests
{
    private const long Second = TimeSpan.TicksPerSecond;

    [Theory]
    [InlineData(1u, 2u, true)]
    [InlineData(2u, 1u, false)]
    [InlineData(5u, 5u, false)]
    [InlineData(0xFF_FFFEu, 1u, true)]
    [InlineData(1u, 0xFF_FFFFu, false)]
    [InlineData(0u, (1u << 23) - 1, true)]
    [InlineData(0u, 1u << 23, false)]
    [InlineData((1u << 23) + 1, 0u, true)]
    [InlineData(1u << 23, 0u, false)]
    public void IsNewer_FollowsTheSequenceRule(uint v1, uint v2, bool newer) =>
        Assert.Equal(newer, ClientObservation.IsNewer(v1, 0, v2, 10 * Second, 128 * Second));

    [Fact]
    public void IsNewer_AcceptsAnyValueAfter128Seconds()
    {
        Assert.False(ClientObservation.IsNewer(100, 0, 50, 128 * Second, 128 * Second));
        Assert.True(ClientObservation.IsNewer(100, 0, 50, (128 * Second) + 1, 128 * Second));
    }

    [Fact]
    public async Task OlderNotifications_AreDropped_AcrossThe24BitWrap()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(observe: 0xFF_FFFD);
        await using var _ = observation;

        harness.Notify(registration.Token, 0xFF_FFFE);
        harness.Notify(registration.Token, 1);
        harness.Notify(registration.Token, 0xFF_FFFF);
        harness.Notify(registration.Token, 0);
        harness.Notify(registration.Token, 3);

        // 0xFFFFFF and 0 arrived after 1: older, so never yielded.
        uint?[] expected = [0xFF_FFFE, 1, 3];
        foreach (var observe in expected)
        {
            Assert.True(await observation.MoveNextAsync());
            Assert.Equal(observe, observation.Current.Observe);
        }
    }

    [Fact]
    public async Task StaleConNotification_IsStillAcknowledged()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(observe: 10);
        await using var _ = observation;

        var stale = harness.Notify(registration.Token, 9, CoapMessageType.Confirmable);
        var ack = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(stale.MessageId, ack.MessageId);

        harness.Notify(registration.Token, 11);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(11u, observation.Current.Observe);
    }

    [Fact]
    public async Task AnyNotification_IsFresh_128SecondsAfterTheLatest()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(observe: 100, maxAge: 3600);
        await using var _ = observation;

        harness.Time.Advance(TimeSpan.FromSeconds(100));
        harness.Notify(registration.Token, 50, maxAge: 3600);
        harness.Notify(registration.Token, 101, maxAge: 3600);
        harness.Time.Advance(TimeSpan.FromSeconds(128));
        harness.Notify(registration.Token, 55, maxAge: 3600);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.Notify(registration.Token, 60, maxAge: 3600);
        harness.Notify(registration.Token, 61, maxAge: 3600);

        // 50 came 100 s after 100 and 55 exactly 128 s after 101: dropped. 60 came 129 s after 101: fresh.
        uint?[] expected = [101, 60, 61];
        foreach (var observe in expected)
        {
            Assert.True(await observation.MoveNextAsync());
            Assert.Equal(observe, observation.Current.Observe);
        }
    }
}
