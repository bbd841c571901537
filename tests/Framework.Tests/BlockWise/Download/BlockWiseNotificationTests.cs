namespace Coap.Tests.BlockWise.Download;

/// <summary>Block-wise notifications (RFC 7959 §2.6): completed by GETs without Observe before they are yielded.</summary>
public sealed class BlockWiseNotificationTests
{
    [Fact]
    public async Task BlockWiseRegistrationResponse_AndNotification_AreYieldedWhole()
    {
        await using var harness = new DownloadHarness();
        var firstBody = DownloadHarness.Body(100, seed: 1);
        await using var observation = harness.Client.ObserveAsync(DownloadHarness.Uri("/obs")).GetAsyncEnumerator();
        var moving = observation.MoveNextAsync();

        var registration = await harness.NextFromClientAsync();
        Assert.Equal(0u, registration.Options.GetUInt(CoapOptionNumber.Observe));
        harness.AnswerBlock(registration, firstBody, 2, etag: [1], observe: 5);
        var get = await harness.NextFromClientAsync();
        Assert.False(get.Options.Contains(CoapOptionNumber.Observe));
        Assert.Equal(new CoapBlock(1, false, 2), DownloadHarness.Block2Of(get));
        Assert.NotEqual(registration.Token.ToArray(), get.Token.ToArray());
        harness.AnswerBlock(get, firstBody, 2, etag: [1]);

        Assert.True(await moving);
        Assert.Equal(firstBody, observation.Current.Payload.ToArray());
        Assert.Equal(5u, observation.Current.Observe);
        Assert.False(observation.Current.Options.Contains(CoapOptionNumber.Block2));

        var secondBody = DownloadHarness.Body(70, seed: 2);
        moving = observation.MoveNextAsync();
        harness.Notify(registration.Token, secondBody, 0, 2, observe: 6, etag: [2]);
        var getNext = await harness.NextFromClientAsync();
        Assert.False(getNext.Options.Contains(CoapOptionNumber.Observe));
        Assert.Equal(1, DownloadHarness.Block2Of(getNext).Number);
        harness.AnswerBlock(getNext, secondBody, 2, etag: [2]);

        Assert.True(await moving);
        Assert.Equal(secondBody, observation.Current.Payload.ToArray());
        Assert.Equal(6u, observation.Current.Observe);
    }

    [Fact]
    public async Task NewerNotification_SupersedesABodyStillBeingFetched()
    {
        await using var harness = new DownloadHarness();
        await using var observation = harness.Client.ObserveAsync(DownloadHarness.Uri("/obs")).GetAsyncEnumerator();
        var moving = observation.MoveNextAsync();
        var registration = await harness.NextFromClientAsync();
        harness.Send(DownloadHarness.Piggybacked(registration, CoapCode.Content, [0]).WithObserve(1));
        Assert.True(await moving);

        var olderBody = DownloadHarness.Body(100, seed: 3);
        moving = observation.MoveNextAsync();
        harness.Notify(registration.Token, olderBody, 0, 2, observe: 2, etag: [3]);
        var get = await harness.NextFromClientAsync();
        Assert.Equal(1, DownloadHarness.Block2Of(get).Number);

        // Before block 1 is answered, a newer single-block notification arrives.
        var newer = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = 0x7777, Token = registration.Token, Payload = new byte[] { 42 } }.WithObserve(3);
        harness.Send(newer);

        Assert.True(await moving);
        Assert.Equal(3u, observation.Current.Observe);
        Assert.Equal([42], observation.Current.Payload.ToArray());

        // The answer to the abandoned GET changes nothing.
        harness.AnswerBlock(get, olderBody, 2, etag: [3]);
        var after = observation.MoveNextAsync();
        Assert.False(after.IsCompleted);
        harness.Send(new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = 0x7778, Token = registration.Token, Payload = new byte[] { 43 } }.WithObserve(4));
        Assert.True(await after);
        Assert.Equal(4u, observation.Current.Observe);
    }
}

internal static class NotificationMessageExtensions
{
    public static CoapMessage WithObserve(this CoapMessage message, uint observe)
    {
        message.Options.Add(CoapOptionNumber.Observe, observe);
        return message;
    }
}
