namespace Coap.Tests.Observe.Client;

/// <summary>Silence for Max-Age plus the margin makes the client register again with the same token (RFC 7641 §3.3.1).</summary>
public sealed class ReregistrationTests
{
    [Fact]
    public async Task Silence_ForMaxAgePlusMargin_ResendsTheRegistration()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync("/temp?unit=c", observe: 50, maxAge: 10);
        await using var _ = observation;

        harness.Advance(TimeSpan.FromSeconds(11.9));
        harness.AssertNothingFromClient();
        harness.Advance(TimeSpan.FromSeconds(0.2));

        var again = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Get, again.Code);
        Assert.Equal(registration.Token.ToArray(), again.Token.ToArray());
        Assert.Equal(0u, again.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.NotEqual(registration.MessageId, again.MessageId);
        Assert.Equal(OtherThanObserve(registration), OtherThanObserve(again));

        // The server restarted its sequence: the answer to a re-registration is fresh whatever its value.
        harness.Send(ObserveHarness.Piggybacked(again, CoapCode.Content, observe: 3, maxAge: 10));
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(3u, observation.Current.Observe);
        harness.Notify(again.Token, 4);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(4u, observation.Current.Observe);
    }

    [Fact]
    public async Task DefaultMaxAge_Is60Seconds_AndTheMarginIsConfigurable()
    {
        await using var harness = new ObserveHarness();
        var options = new CoapObserveOptions { ReregistrationMargin = TimeSpan.FromSeconds(5) };
        var (observation, _) = await harness.EstablishAsync(options: options);
        await using var _ = observation;

        harness.Time.Advance(TimeSpan.FromSeconds(64.9));
        harness.AssertNothingFromClient();
        harness.Time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal(0u, (await harness.NextFromClientAsync()).Options.GetUInt(CoapOptionNumber.Observe));
    }

    [Fact]
    public async Task Notifications_PostponeTheReregistration()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(maxAge: 10);
        await using var _ = observation;

        harness.Advance(TimeSpan.FromSeconds(8));
        harness.Notify(registration.Token, 2, maxAge: 10);
        harness.Advance(TimeSpan.FromSeconds(11.5));
        harness.AssertNothingFromClient();

        // A stale notification does not count as news.
        harness.Notify(registration.Token, 1, maxAge: 10);
        harness.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(registration.Token.ToArray(), (await harness.NextFromClientAsync()).Token.ToArray());
    }

    [Fact]
    public async Task UnansweredReregistration_EndsTheObservationWithCoapTimeoutException()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(maxAge: 10);
        await using var _ = observation;
        harness.Notify(registration.Token, 2);
        harness.Network.DropWhen = d => d.To.Equals(ObserveHarness.ServerAddress);

        harness.Advance(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(0.5));

        // Buffered notifications are still delivered first.
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(2u, observation.Current.Observe);
        await Assert.ThrowsAsync<CoapTimeoutException>(async () => await observation.MoveNextAsync());
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);
    }

    private static string[] OtherThanObserve(CoapMessage message) =>
        [.. message.Options.Where(o => o.Number != CoapOptionNumber.Observe).Select(o => o.ToString())];
}
