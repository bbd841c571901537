namespace Coap.Tests.Observe.Client;

/// <summary>Registration, notifications and the end of an observation (RFC 7641 §3.1–3.2, §4.2).</summary>
public sealed class ClientObserveTests
{
    [Fact]
    public async Task Registration_IsGetWithObserveZero_AndItsResponseComesFirst()
    {
        await using var harness = new ObserveHarness();
        await using var observation = harness.Client.ObserveAsync(ObserveHarness.Uri("/sensors/temp")).GetAsyncEnumerator();

        var moving = observation.MoveNextAsync();
        var registration = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Get, registration.Code);
        Assert.Equal(CoapMessageType.Confirmable, registration.Type);
        Assert.Equal(0u, registration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(["sensors", "temp"], registration.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));

        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.Content, observe: 7, payload: "21.5"));

        Assert.True(await moving);
        Assert.Equal(7u, observation.Current.Observe);
        Assert.Equal(CoapMessageType.Acknowledgement, observation.Current.Type);
        Assert.Equal("21.5", observation.Current.GetPayloadAsString());
        Assert.Equal(1, harness.ClientEndpoint.ActiveObservations);
    }

    [Fact]
    public async Task NonAndConNotifications_AreYielded_AndConIsAcknowledged()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync();
        await using var _ = observation;

        harness.Notify(registration.Token, 2, CoapMessageType.NonConfirmable);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(2u, observation.Current.Observe);
        Assert.Equal(CoapMessageType.NonConfirmable, observation.Current.Type);
        harness.AssertNothingFromClient();

        var con = harness.Notify(registration.Token, 3, CoapMessageType.Confirmable);
        var ack = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.True(ack.Code.IsEmpty);
        Assert.Equal(con.MessageId, ack.MessageId);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(3u, observation.Current.Observe);
        Assert.Equal("3", observation.Current.GetPayloadAsString());

        // A retransmitted CON notification is acknowledged again but not yielded twice.
        harness.Send(con);
        Assert.Equal(con.MessageId, (await harness.NextFromClientAsync()).MessageId);
        harness.Notify(registration.Token, 4);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(4u, observation.Current.Observe);
    }

    [Fact]
    public async Task Registration_FreesItsNStartSlot_WhenTheResponseArrives()
    {
        await using var harness = new ObserveHarness();
        var (observation, _) = await harness.EstablishAsync();
        await using var _ = observation;

        var get = harness.Client.GetAsync(ObserveHarness.Uri("/other"));
        var request = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Get, request.Code);
        Assert.False(request.Options.Contains(CoapOptionNumber.Observe));
        harness.Send(ObserveHarness.Piggybacked(request, CoapCode.Content, observe: null));
        Assert.Equal(CoapCode.Content, (await get).Code);
    }

    [Fact]
    public async Task NotificationFromAnotherPeer_IsResetAndNotYielded()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync();
        await using var _ = observation;

        var forged = harness.Notification(registration.Token, 50);
        harness.Send(forged, from: ObserveHarness.StrangerAddress);
        var reset = await harness.StrangerReceived.Reader.ReadAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(forged.MessageId, reset.MessageId);

        harness.Notify(registration.Token, 2);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(2u, observation.Current.Observe);
    }

    [Fact]
    public async Task ErrorNotification_IsYieldedLast_AndFreesTheToken()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync();
        await using var _ = observation;

        harness.Notify(registration.Token, observe: null, code: CoapCode.NotFound);

        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(CoapCode.NotFound, observation.Current.Code);
        Assert.False(await observation.MoveNextAsync());
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);

        // The server ended it: no deregistration, and a stray notification gets RST.
        await observation.DisposeAsync();
        harness.AssertNothingFromClient();
        var stray = harness.Notify(registration.Token, 9);
        var reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(stray.MessageId, reset.MessageId);
    }

    [Fact]
    public async Task NotificationWithoutObserve_EndsTheSequence()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync();
        await using var _ = observation;

        harness.Notify(registration.Token, observe: null, CoapMessageType.Confirmable);

        Assert.Equal(CoapMessageType.Acknowledgement, (await harness.NextFromClientAsync()).Type);
        Assert.True(await observation.MoveNextAsync());
        Assert.Null(observation.Current.Observe);
        Assert.False(await observation.MoveNextAsync());
    }

    [Fact]
    public async Task RegistrationAnsweredWithoutObserve_YieldsThatResponseOnly()
    {
        await using var harness = new ObserveHarness();
        await using var observation = harness.Client.ObserveAsync(ObserveHarness.Uri("/plain")).GetAsyncEnumerator();

        var moving = observation.MoveNextAsync();
        var registration = await harness.NextFromClientAsync();
        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.Content, observe: null, payload: "not observable"));

        Assert.True(await moving);
        Assert.Null(observation.Current.Observe);
        Assert.False(await observation.MoveNextAsync());
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task RegistrationRefused_YieldsTheErrorAndEnds()
    {
        await using var harness = new ObserveHarness();
        await using var observation = harness.Client.ObserveAsync(ObserveHarness.Uri("/missing")).GetAsyncEnumerator();

        var moving = observation.MoveNextAsync();
        var registration = await harness.NextFromClientAsync();
        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.NotFound, observe: null));

        Assert.True(await moving);
        Assert.Equal(CoapCode.NotFound, observation.Current.Code);
        Assert.False(await observation.MoveNextAsync());
    }

    [Fact]
    public async Task UnansweredRegistration_ThrowsCoapTimeoutException()
    {
        await using var harness = new ObserveHarness();
        harness.Network.DropWhen = d => d.To.Equals(ObserveHarness.ServerAddress);
        await using var observation = harness.Client.ObserveAsync(ObserveHarness.Uri("/temp")).GetAsyncEnumerator();

        var moving = observation.MoveNextAsync().AsTask();
        harness.Advance(TimeSpan.FromSeconds(250), TimeSpan.FromSeconds(0.5));

        await Assert.ThrowsAsync<CoapTimeoutException>(() => moving);
        Assert.Equal(0, harness.ClientEndpoint.ActiveObservations);
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task SlowConsumer_LosesTheOldestBufferedNotifications()
    {
        await using var harness = new ObserveHarness();
        var (observation, registration) = await harness.EstablishAsync(options: new CoapObserveOptions { BufferCapacity = 2 });
        await using var _ = observation;

        for (uint observe = 2; observe <= 6; observe++)
        {
            harness.Notify(registration.Token, observe);
        }

        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(5u, observation.Current.Observe);
        Assert.True(await observation.MoveNextAsync());
        Assert.Equal(6u, observation.Current.Observe);
    }

    [Fact]
    public async Task MaxObservations_BoundsActiveObservations()
    {
        await using var harness = new ObserveHarness(new CoapClientOptions { MaxObservations = 1 });
        var (first, _) = await harness.EstablishAsync("/a");

        await using (var second = harness.Client.ObserveAsync(ObserveHarness.Uri("/b")).GetAsyncEnumerator())
        {
            await Assert.ThrowsAsync<CoapException>(async () => await second.MoveNextAsync());
        }

        harness.AssertNothingFromClient();
        await first.DisposeAsync();
        var deregistration = await harness.NextFromClientAsync();
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        harness.Send(ObserveHarness.Piggybacked(deregistration, CoapCode.Content, observe: null));

        var (third, _) = await harness.EstablishAsync("/c");
        await third.DisposeAsync();
    }

    [Theory]
    [InlineData(false, new[] { "unit=c", "c.pmin=1.5", "c.pmax=60", "c.band" })]
    [InlineData(true, new[] { "unit=c", "pmin=1.5", "pmax=60", "band=1" })]
    public async Task Conditions_AreAppendedToTheUriQuery(bool legacy, string[] expected)
    {
        await using var harness = new ObserveHarness();
        var options = new CoapObserveOptions
        {
            Conditions = new ConditionalAttributes { MinPeriod = 1.5, MaxPeriod = 60, Band = true },
            UseLegacyConditionNames = legacy,
        };

        var (observation, registration) = await harness.EstablishAsync("/temp?unit=c", options);
        await using var _ = observation;

        Assert.Equal(expected, registration.Options.GetAll(CoapOptionNumber.UriQuery).Select(o => o.GetString()));
    }

    [Fact]
    public async Task Fetch_CanObserve_OtherMethodsCannot()
    {
        await using var harness = new ObserveHarness();

        Assert.Throws<ArgumentException>(() => harness.Client.ObserveAsync(CoapRequest.Post(ObserveHarness.Uri("/x"))));
        Assert.Throws<ArgumentException>(() => harness.Client.ObserveAsync(CoapRequest.Put(ObserveHarness.Uri("/x"))));

        var fetch = CoapRequest.Fetch(ObserveHarness.Uri("/x")).WithPayload("q");
        await using var observation = harness.Client.ObserveAsync(fetch).GetAsyncEnumerator();
        var moving = observation.MoveNextAsync();
        var registration = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Fetch, registration.Code);
        Assert.Equal("q"u8.ToArray(), registration.Payload.ToArray());
        Assert.Equal(0u, registration.Options.GetUInt(CoapOptionNumber.Observe));
        harness.Send(ObserveHarness.Piggybacked(registration, CoapCode.Content, observe: 1));
        Assert.True(await moving);
    }

    [Fact]
    public async Task DisposingTheClient_EndsTheObservationWithObjectDisposedException()
    {
        var harness = new ObserveHarness();
        var (observation, _) = await harness.EstablishAsync();

        var moving = observation.MoveNextAsync().AsTask();
        await harness.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => moving);
        await observation.DisposeAsync();
    }
}
