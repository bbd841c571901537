namespace Coap.Tests.Observe.Client;

/// <summary>Stopping an observation: explicit deregistration (RFC 7641 §3.6) or forgetting it and resetting the next notification.</summary>
public sealed class ObserveCancellationTests
{
    [Fact]
    public async Task Dispose_SendsObserveOne_WithTheSameTokenAndQuery()
    {
        await using var harness = new ObserveHarness();
        var options = new CoapObserveOptions { Conditions = new ConditionalAttributes { MinPeriod = 5 } };
        var (observation, registration) = await harness.EstablishAsync("/temp?unit=c", options);

        await observation.DisposeAsync();

        var deregistration = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Get, deregistration.Code);
        Assert.Equal(registration.Token.ToArray(), deregistration.Token.ToArray());
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(["unit=c", "c.pmin=5"], deregistration.Options.GetAll(CoapOptionNumber.UriQuery).Select(o => o.GetString()));
        Assert.Equal(["temp"], deregistration.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);

        // Its response is taken and nothing more is pending; a late notification gets RST.
        harness.Send(ObserveHarness.Piggybacked(deregistration, CoapCode.Content, observe: null));
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
        var late = harness.Notify(registration.Token, 9);
        var reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(late.MessageId, reset.MessageId);
    }

    [Fact]
    public async Task BreakingOutOfAwaitForeach_Deregisters()
    {
        await using var harness = new ObserveHarness();
        var enumeration = ConsumeUntilAsync(harness.Client.ObserveAsync(ObserveHarness.Uri("/temp")), stopAt: 3);
        var registration = await harness.NextFromClientAsync();
        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.Content, observe: 1));
        harness.Notify(registration.Token, 2);
        harness.Notify(registration.Token, 3);

        Assert.Equal([1u, 2u, 3u], await enumeration);
        var deregistration = await harness.NextFromClientAsync();
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(registration.Token.ToArray(), deregistration.Token.ToArray());
    }

    [Fact]
    public async Task ImplicitCancellation_SendsNothing_AndResetsTheNextNotification()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(options: new CoapObserveOptions { CancelExplicitly = false });

        await observation.DisposeAsync();
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);

        var non = harness.Notify(registration.Token, 2);
        var reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(non.MessageId, reset.MessageId);

        var con = harness.Notify(registration.Token, 3, CoapMessageType.Confirmable);
        reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(con.MessageId, reset.MessageId);
    }

    [Fact]
    public async Task Cancellation_ThrowsOperationCanceled_AndDeregisters()
    {
        await using var harness = new ObserveHarness();
        using var cancel = new CancellationTokenSource();
        var (observation, registration) = await harness.EstablishAsync(cancellationToken: cancel.Token);

        var moving = observation.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => moving);
        var deregistration = await harness.NextFromClientAsync();
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(registration.Token.ToArray(), deregistration.Token.ToArray());
        await observation.DisposeAsync();
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task CancellingBeforeTheRegistrationIsAnswered_ForgetsTheToken()
    {
        await using var harness = new ObserveHarness();
        using var cancel = new CancellationTokenSource();
        var observation = harness.Client.ObserveAsync(ObserveHarness.Uri("/temp"), cancellationToken: cancel.Token).GetAsyncEnumerator();
        var moving = observation.MoveNextAsync().AsTask();
        var registration = await harness.NextFromClientAsync();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => moving);
        await observation.DisposeAsync();

        // Nothing was established, so nothing to deregister; the token is free and the answer is ignored.
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);
        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.Content, observe: 1));
        harness.AssertNothingFromClient();
        var notification = harness.Notify(registration.Token, 2);
        Assert.Equal(notification.MessageId, (await harness.NextFromClientAsync()).MessageId);
    }

    [Fact]
    public async Task DisposeDuringReregistration_CancelsIt_AndDeregisters()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(maxAge: 1);
        harness.Advance(TimeSpan.FromSeconds(3.1));
        var again = await harness.NextFromClientAsync();
        Assert.Equal(0u, again.Options.GetUInt(CoapOptionNumber.Observe));

        await observation.DisposeAsync();

        var deregistration = await harness.NextFromClientAsync();
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(registration.Token.ToArray(), deregistration.Token.ToArray());
        harness.Send(ObserveHarness.Piggybacked(deregistration, CoapCode.Content, observe: null));
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);
    }

    private static async Task<List<uint>> ConsumeUntilAsync(IAsyncEnumerable<CoapResponse> notifications, uint stopAt)
    {
        var seen = new List<uint>();
        await foreach (var response in notifications)
        {
            seen.Add(response.Observe!.Value);
            if (response.Observe == stopAt)
            {
                break;
            }
        }

        return seen;
    }
}
