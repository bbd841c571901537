namespace Coap.Tests.Groups;

/// <summary>
/// Observe in a group request (draft-ietf-core-groupcomm-bis §3.7): one token, a notification stream per member,
/// ordering per member, and one group deregistration when the consumer stops.
/// </summary>
public sealed class GroupObserveTests
{
    [Fact]
    public async Task Notifications_of_every_member_are_yielded_ordered_per_member_and_stopping_deregisters_at_the_group()
    {
        await using var harness = new GroupHarness();
        var enumerator = harness.Client.ObserveGroupAsync(GroupHarness.Uri("/temp")).GetAsyncEnumerator();
        var moving = enumerator.MoveNextAsync();
        var registration = await harness.NextAtGroupAsync();
        Assert.Equal(CoapMessageType.NonConfirmable, registration.Type);
        Assert.Equal(0u, registration.Options.GetUInt(CoapOptionNumber.Observe));

        harness.Send(0, Notification(harness, registration, 3, "A 22.3"));
        harness.Send(1, Notification(harness, registration, 13, "B 20.9"));
        harness.Send(2, Notification(harness, registration, 23, "C 21.0", CoapMessageType.Confirmable));
        harness.Send(0, Notification(harness, registration, 2, "A stale"));
        harness.Send(0, Notification(harness, registration, 7, "A 32.3"));
        harness.Send(1, Notification(harness, registration, 18, "B 30.9"));

        var received = new List<CoapResponse>();
        Assert.True(await moving.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        received.Add(enumerator.Current);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await enumerator.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            received.Add(enumerator.Current);
        }

        Assert.Equal(["A 22.3", "B 20.9", "C 21.0", "A 32.3", "B 30.9"], received.Select(r => r.GetPayloadAsString()));
        Assert.Equal(GroupHarness.Servers[2], received[2].RemoteEndPoint);
        Assert.Equal(CoapMessageType.Acknowledgement, Assert.Single(harness.DrainServer(2)).Type);

        await enumerator.DisposeAsync();
        var deregistration = await harness.NextAtGroupAsync();
        Assert.Equal(1u, deregistration.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(registration.Token.ToArray(), deregistration.Token.ToArray());
        Assert.NotEqual(registration.MessageId, deregistration.MessageId);
        Assert.Equal(0, harness.ClientEndpoint.ActiveGroupExchanges);

        // A member that still notifies meets the quarantine: dropped, no Reset.
        harness.Send(0, Notification(harness, registration, 9, "A after"));
        Assert.Empty(harness.DrainServer(0));
    }

    [Fact]
    public async Task A_repeated_group_registration_waits_at_least_the_max_server_response_delay()
    {
        var options = new CoapClientOptions { Group = { RequestRepeats = 1, RepeatInterval = TimeSpan.FromSeconds(1), MaxServerResponseDelay = TimeSpan.FromSeconds(5) } };
        await using var harness = new GroupHarness(options);
        using var stop = new CancellationTokenSource();
        var enumerator = harness.Client.ObserveGroupAsync(GroupHarness.Uri("/temp"), stop.Token).GetAsyncEnumerator(stop.Token);
        var moving = enumerator.MoveNextAsync();
        var registration = await harness.NextAtGroupAsync();
        harness.Send(0, Notification(harness, registration, 3, "A 22.3"));
        Assert.True(await moving.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        // GC-LEI-06: not after RepeatInterval, but once every member had its Leisure to answer.
        harness.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, harness.Network.Sent.Count(d => d.To.Equals(GroupHarness.GroupAddress)));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var repeat = await harness.NextAtGroupAsync();

        Assert.Equal(registration.Token.ToArray(), repeat.Token.ToArray());
        Assert.Equal(0u, repeat.Options.GetUInt(CoapOptionNumber.Observe));
        await stop.CancelAsync();
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task Only_GET_and_FETCH_observe()
    {
        await using var harness = new GroupHarness();

        Assert.Throws<ArgumentException>(() => harness.Client.ObserveGroupAsync(CoapRequest.Post(GroupHarness.Uri("/temp"))));
    }

    private static CoapMessage Notification(GroupHarness harness, CoapMessage registration, uint observe, string payload, CoapMessageType type = CoapMessageType.NonConfirmable)
    {
        var message = harness.Response(registration, payload, type);
        message.Options.Add(CoapOptionNumber.Observe, observe);
        return message;
    }
}
