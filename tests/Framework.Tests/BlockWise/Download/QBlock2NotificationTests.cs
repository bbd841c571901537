using Coap.BlockWise.Download;
using Coap.Exchanges;

namespace Coap.Tests.BlockWise.Download;

/// <summary>
/// Q-Block2 notifications (RFC 9177 §4.5, QB-40, QB-41): every payload of a body carries the same Observe value; the
/// client yields each body once, asks for the next set with 'Continue', and a body with a new ETag supersedes a partial one.
/// </summary>
public sealed class QBlock2NotificationTests
{
    private static readonly byte[] s_fourBlocks = DownloadHarness.Body((3 * 1024) + 10);
    private static readonly byte[] s_elevenBlocks = DownloadHarness.Body((10 * 1024) + 100, seed: 5);
    private static readonly byte[] s_token = [0xf0];

    [Fact]
    public async Task Figure8_TwoNotificationBodies_AreEachYieldedOnce()
    {
        await using var harness = new DownloadHarness();
        using var assembler = CreateAssembler(harness);
        var first = DownloadHarness.Body((3 * 1024) + 10, seed: 1);
        var second = DownloadHarness.Body((3 * 1024) + 20, seed: 2);

        for (var n = 0; n < 4; n++)
        {
            Assert.False(assembler.TryTakeCompleted(out _));
            assembler.Offer(Payload(first, n, [19], 1220));
        }

        Assert.True(assembler.TryTakeCompleted(out var body));
        Assert.Equal(first, body!.Payload.ToArray());
        Assert.Equal(1220u, body.Observe);

        // A late duplicate of the finished body is not a new body (QB-36).
        assembler.Offer(Payload(first, 3, [19], 1220));
        Assert.False(assembler.TryTakeCompleted(out _));
        Assert.Null(assembler.Pending);

        for (var n = 0; n < 4; n++)
        {
            assembler.Offer(Payload(second, n, [20], 1221));
        }

        Assert.True(assembler.TryTakeCompleted(out body));
        Assert.Equal(second, body!.Payload.ToArray());
        Assert.Equal(1221u, body.Observe);
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task Figure9_NotificationOverMaxPayloads_SendsContinueWithoutObserve_AndCompletesOnTheOriginalToken()
    {
        await using var harness = new DownloadHarness();
        using var assembler = CreateAssembler(harness);
        for (var n = 0; n < 10; n++)
        {
            assembler.Offer(Payload(s_elevenBlocks, n, [22], 1235));
        }

        var continuation = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(10, true, 6)], DownloadHarness.QBlock2Of(continuation));
        Assert.False(continuation.Options.Contains(CoapOptionNumber.Observe));
        Assert.Equal(["path"], continuation.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));

        assembler.Offer(Payload(s_elevenBlocks, 10, [22], 1235));
        Assert.True(assembler.TryTakeCompleted(out var body));
        Assert.Equal(s_elevenBlocks, body!.Payload.ToArray());
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task MissingBlockOfANotification_ArrivesOnTheRequestsToken_AndCompletesPending()
    {
        await using var harness = new DownloadHarness();
        using var assembler = CreateAssembler(harness);
        assembler.Offer(Payload(s_fourBlocks, 0, [30], 7));
        assembler.Offer(Payload(s_fourBlocks, 1, [30], 7));
        assembler.Offer(Payload(s_fourBlocks, 3, [30], 7));

        var missing = harness.AdvanceUntilSent(TimeSpan.FromSeconds(5));
        Assert.Equal([new CoapBlock(2, false, 6)], DownloadHarness.QBlock2Of(missing));
        Assert.False(missing.Options.Contains(CoapOptionNumber.Observe));
        harness.SendQBlock2(missing.Token, s_fourBlocks, 2, [30]);

        await assembler.Pending!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(assembler.TryTakeCompleted(out var body));
        Assert.Equal(s_fourBlocks, body!.Payload.ToArray());
        Assert.Equal(7u, body.Observe);
    }

    [Fact]
    public async Task NewEtag_SupersedesThePartialBody_AndReleasesItsTokens_QB40()
    {
        await using var harness = new DownloadHarness();
        using var assembler = CreateAssembler(harness);
        assembler.Offer(Payload(s_fourBlocks, 0, [1], 10));
        assembler.Offer(Payload(s_fourBlocks, 2, [1], 10));
        harness.AdvanceUntilSent(TimeSpan.FromSeconds(5));
        Assert.Equal(1, harness.ClientEndpoint.TransferTokens);

        var newer = DownloadHarness.Body(2000, seed: 9);
        assembler.Offer(Payload(newer, 0, [2], 11));
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
        assembler.Offer(Payload(newer, 1, [2], 11));
        Assert.True(assembler.TryTakeCompleted(out var body));
        Assert.Equal(newer, body!.Payload.ToArray());
        Assert.Equal(11u, body.Observe);
    }

    [Fact]
    public void Observation_AcceptsEveryPayloadWithTheSameObserve_OnlyForQBlock2_QB41()
    {
        var time = new Coap.TestUtilities.FakeTimeProvider();
        var registration = new CoapMessage { Code = CoapCode.Get, Token = s_token };
        var observation = new ClientObservation(registration, default, TokenKey.From(s_token), new CoapObserveOptions(), time, _ => { });
        var plain = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, Token = s_token };
        plain.Options.Add(CoapOptionNumber.Observe, 5u);

        Assert.Equal(NotificationOutcome.Accepted, observation.Offer(Response(Payload(s_fourBlocks, 0, [1], 6).Message), toRegistration: false));
        Assert.Equal(NotificationOutcome.Accepted, observation.Offer(Response(Payload(s_fourBlocks, 1, [1], 6).Message), toRegistration: false));
        Assert.Equal(NotificationOutcome.Stale, observation.Offer(Response(plain), toRegistration: false));
        var repeatWithoutQBlock = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, Token = s_token };
        repeatWithoutQBlock.Options.Add(CoapOptionNumber.Observe, 6u);
        Assert.Equal(NotificationOutcome.Stale, observation.Offer(Response(repeatWithoutQBlock), toRegistration: false));
    }

    private static QBlock2NotificationAssembler CreateAssembler(DownloadHarness harness)
    {
        var registration = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, Token = s_token };
        registration.Options.Add(CoapOptionNumber.Observe, 0u);
        registration.Options.Add(CoapOptionNumber.UriPath, "path");
        registration.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, true, 6).Value);
        return new QBlock2NotificationAssembler(harness.ClientEndpoint, registration, DownloadHarness.ServerAddress, harness.ClientEndpoint.BlockWise, 1024);
    }

    private static CoapResponse Payload(byte[] body, int number, byte[] etag, uint observe)
    {
        var offset = number * 1024;
        var length = Math.Min(1024, body.Length - offset);
        var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, Token = s_token, Payload = body.AsMemory(offset, length).ToArray() };
        message.Options.Add(CoapOptionNumber.ETag, etag);
        message.Options.Add(CoapOptionNumber.Observe, observe);
        message.Options.Add(CoapOptionNumber.Size2, (uint)body.Length);
        message.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(number, offset + length < body.Length, 6).Value);
        return Response(message);
    }

    private static CoapResponse Response(CoapMessage message) => new(message, DownloadHarness.ServerAddress);
}
