using Coap.BlockWise.Download;

namespace Coap.Tests.BlockWise.Download;

/// <summary>
/// Receiving a Q-Block2 body over NON (RFC 9177 §4.4, §7.2; seeds-app §9.1 C4): the worked examples of seeds-app §1.6
/// (Figures 8, 9, 10, 11 and the client part of 16) replayed from the client side with MAX_PAYLOADS 10 and
/// NON_MAX_RETRANSMIT 4, asserting what the client sends and when.
/// </summary>
public sealed class QBlock2DownloadTests
{
    private static readonly byte[] s_et21 = [21];
    private static readonly byte[] s_et23 = [23];
    private static readonly byte[] s_et24 = [24];
    private static readonly TimeSpan s_nonReceiveTimeout = TimeSpan.FromSeconds(4);

    /// <summary>11 blocks of 1024 (the last one short), as in Figures 9–11.</summary>
    private static readonly byte[] s_elevenBlocks = DownloadHarness.Body((10 * 1024) + 100);

    [Fact]
    public async Task Figure8_FourPayloadsWithoutLoss_AreOneBody_AndNothingIsSent()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body((3 * 1024) + 10);
        var progress = new ProgressLog();
        var (download, running) = Start(harness, observe: true, progress);
        var request = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.NonConfirmable, request.Type);
        Assert.Equal(0u, request.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal([new CoapBlock(0, true, 6)], DownloadHarness.QBlock2Of(request));

        for (var n = 0; n < 4; n++)
        {
            harness.SendQBlock2(request.Token, body, n, [19], observe: 1220);
        }

        var response = await running;
        Assert.Equal(body, response.Payload.ToArray());
        Assert.Equal(1220u, response.Observe);
        Assert.False(response.Options.Contains(CoapOptionNumber.QBlock2));
        Assert.Equal(4, progress.Reports.Count);
        Assert.Equal((long)body.Length, progress.Reports[^1].TotalBytes);
        harness.AssertNothingFromClient();
        Assert.Equal(0, download.HeldTokens);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task Figure9_CompleteSet_IsAcknowledgedWithContinue_OnANewToken()
    {
        await using var harness = new DownloadHarness();
        var (_, running) = Start(harness, observe: true);
        var request = await harness.NextFromClientAsync();
        for (var n = 0; n < 9; n++)
        {
            harness.SendQBlock2(request.Token, s_elevenBlocks, n, s_et21, observe: 1234);
            harness.AssertNothingFromClient();
        }

        harness.SendQBlock2(request.Token, s_elevenBlocks, 9, s_et21, observe: 1234);
        var continuation = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Get, continuation.Code);
        Assert.Equal(CoapMessageType.NonConfirmable, continuation.Type);
        Assert.Equal([new CoapBlock(10, true, 6)], DownloadHarness.QBlock2Of(continuation));
        Assert.NotEqual(request.Token.ToArray(), continuation.Token.ToArray());
        Assert.False(continuation.Options.Contains(CoapOptionNumber.Observe));
        Assert.False(continuation.Options.Contains(CoapOptionNumber.ETag));

        // QB-44: the server keeps the original token after a 'Continue'.
        harness.SendQBlock2(request.Token, s_elevenBlocks, 10, s_et21, observe: 1234);
        Assert.Equal(s_elevenBlocks, (await running).Payload.ToArray());
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task Figure10_NextSetRevealsHoles_AskedInOneGo_ThenAgainAfterNonReceiveTimeout()
    {
        await using var harness = new DownloadHarness();
        var (_, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 0, s_et23);
        for (var n = 2; n <= 8; n++)
        {
            harness.SendQBlock2(request.Token, s_elevenBlocks, n, s_et23);
        }

        harness.AssertNothingFromClient();
        harness.Advance(TimeSpan.FromSeconds(2.5)); // the server's NON_TIMEOUT_RANDOM pause, shorter than NON_RECEIVE_TIMEOUT
        harness.AssertNothingFromClient();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 10, s_et23);

        // QB-55: a payload of the next set shows blocks 1 and 9 are missing: one request, ascending, M=0 (QB-34).
        var missing = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(1, false, 6), new CoapBlock(9, false, 6)], DownloadHarness.QBlock2Of(missing));
        Assert.False(missing.Options.Contains(CoapOptionNumber.ETag));
        Assert.False(missing.Options.Contains(CoapOptionNumber.Observe));

        // QB-44: the answer uses the missing-block request's token; block 1 is lost again.
        harness.SendQBlock2(missing.Token, s_elevenBlocks, 9, s_et23);
        harness.Advance(s_nonReceiveTimeout - TimeSpan.FromMilliseconds(200));
        harness.AssertNothingFromClient();
        harness.Advance(TimeSpan.FromMilliseconds(300));
        var again = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(1, false, 6)], DownloadHarness.QBlock2Of(again));
        Assert.NotEqual(missing.Token.ToArray(), again.Token.ToArray());

        harness.SendQBlock2(again.Token, s_elevenBlocks, 1, s_et23);
        Assert.Equal(s_elevenBlocks, (await running).Payload.ToArray());
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task Figure11_RunToTheEndOfTheSet_IsAskedWithTheMBit_ThenContinue()
    {
        await using var harness = new DownloadHarness();
        var (_, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 0, s_et24);
        harness.SendQBlock2(request.Token, s_elevenBlocks, 1, s_et24);

        harness.Advance(s_nonReceiveTimeout + TimeSpan.FromMilliseconds(100));
        var missing = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(2, true, 6)], DownloadHarness.QBlock2Of(missing));
        for (var n = 2; n <= 8; n++)
        {
            harness.SendQBlock2(missing.Token, s_elevenBlocks, n, s_et24);
        }

        harness.AssertNothingFromClient();
        harness.SendQBlock2(missing.Token, s_elevenBlocks, 9, s_et24);
        var continuation = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(10, true, 6)], DownloadHarness.QBlock2Of(continuation));

        harness.SendQBlock2(request.Token, s_elevenBlocks, 10, s_et24);
        Assert.Equal(s_elevenBlocks, (await running).Payload.ToArray());
    }

    [Fact]
    public async Task Figure16ClientPart_LostMiddleBlock_IsFetchedAfterNonReceiveTimeout_KeepingTheRequestTag()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body((2 * 1024) + 50);
        var template = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Fetch };
        template.Options.Add(CoapOptionNumber.UriPath, "path");
        template.Options.Add(CoapOptionNumber.RequestTag, new byte[] { 31 });
        var download = new QBlock2Download(harness.ClientEndpoint, template, DownloadHarness.ServerAddress, new CoapBlockWiseOptions(), 1024, null);
        var running = download.RunAsync(CancellationToken.None);
        var request = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Fetch, request.Code);

        harness.SendQBlock2(request.Token, body, 0, [24]);
        harness.SendQBlock2(request.Token, body, 2, [24]);
        harness.Advance(s_nonReceiveTimeout + TimeSpan.FromMilliseconds(100));
        var missing = await harness.NextFromClientAsync();
        Assert.Equal(CoapCode.Fetch, missing.Code);
        Assert.Equal([new CoapBlock(1, false, 6)], DownloadHarness.QBlock2Of(missing));
        Assert.Equal([31], missing.Options.GetAll(CoapOptionNumber.RequestTag).Single().Value.ToArray());

        harness.SendQBlock2(missing.Token, body, 1, [24]);
        Assert.Equal(body, (await running).Payload.ToArray());
    }

    [Fact]
    public async Task DuplicateBlocks_AreIgnored_QB36()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body((2 * 1024) + 1);
        var progress = new ProgressLog();
        var (_, running) = Start(harness, progress: progress);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, body, 0, [1]);
        harness.SendQBlock2(request.Token, body, 0, [1]);
        harness.SendQBlock2(request.Token, body, 1, [1]);
        harness.SendQBlock2(request.Token, body, 1, [1]);
        harness.SendQBlock2(request.Token, body, 2, [1]);

        Assert.Equal(body, (await running).Payload.ToArray());
        Assert.Equal(3, progress.Reports.Count);
    }

    [Fact]
    public async Task NewEtag_DropsThePartialBody_QB39_QB40()
    {
        await using var harness = new DownloadHarness();
        var oldBody = DownloadHarness.Body((2 * 1024) + 1, seed: 1);
        var newBody = DownloadHarness.Body((2 * 1024) + 7, seed: 2);
        var (_, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, oldBody, 0, [1]);
        harness.SendQBlock2(request.Token, oldBody, 1, [1]);
        harness.SendQBlock2(request.Token, newBody, 0, [2]);
        harness.SendQBlock2(request.Token, newBody, 2, [2]);
        harness.Advance(s_nonReceiveTimeout + TimeSpan.FromMilliseconds(100));
        var missing = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(1, false, 6)], DownloadHarness.QBlock2Of(missing));
        harness.SendQBlock2(missing.Token, newBody, 1, [2]);

        Assert.Equal(newBody, (await running).Payload.ToArray());
    }

    [Fact]
    public async Task MissingBlocksNeverArriving_GiveUpAfterNonMaxRetransmit_WithDoublingWaits_QB59()
    {
        await using var harness = new DownloadHarness();
        var (download, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 0, s_et21, maxAge: 600);

        var start = harness.Time.GetUtcNow();
        var sentAt = new List<double>();
        for (var retry = 0; retry < 4; retry++)
        {
            var missing = harness.AdvanceUntilSent(TimeSpan.FromSeconds(70));
            sentAt.Add(Math.Round((harness.Time.GetUtcNow() - start).TotalSeconds, 1));
            Assert.Equal([new CoapBlock(1, true, 6)], DownloadHarness.QBlock2Of(missing));
        }

        // NON_RECEIVE_TIMEOUT × 2^(n−1) after the previous request: 4, 12, 28 and 60 s after the last payload.
        Assert.Equal([4.0, 12.0, 28.0, 60.0], sentAt);
        harness.Advance(TimeSpan.FromSeconds(63));
        Assert.False(running.IsCompleted);
        harness.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<CoapTimeoutException>(() => running);
        Assert.Equal(0, download.HeldTokens);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task PartialBody_LivesAtMostMaxAge_QB37()
    {
        await using var harness = new DownloadHarness(new CoapBlockWiseOptions { QBlock = new CoapQBlockOptions { NonMaxRetransmit = 20 } });
        var (_, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        var first = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = 1, Token = request.Token, Payload = s_elevenBlocks.AsMemory(0, 1024).ToArray() };
        first.Options.Add(CoapOptionNumber.ETag, s_et21);
        first.Options.Add(CoapOptionNumber.MaxAge, 10u);
        first.Options.Add(CoapOptionNumber.Size2, (uint)s_elevenBlocks.Length);
        first.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(0, true, 6).Value);
        harness.Send(first);

        harness.Advance(TimeSpan.FromSeconds(9.5));
        Assert.False(running.IsCompleted);
        harness.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<CoapTimeoutException>(() => running);
    }

    [Fact]
    public async Task LostFirstRequest_IsRepeatedOnANewToken()
    {
        await using var harness = new DownloadHarness();
        var (_, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.Advance(s_nonReceiveTimeout + TimeSpan.FromMilliseconds(100));
        var repeat = await harness.NextFromClientAsync();
        Assert.Equal([new CoapBlock(0, true, 6)], DownloadHarness.QBlock2Of(repeat));
        Assert.NotEqual(request.Token.ToArray(), repeat.Token.ToArray());
        var body = DownloadHarness.Body(1500);
        harness.SendQBlock2(repeat.Token, body, 0, [5]);
        harness.SendQBlock2(repeat.Token, body, 1, [5]);
        Assert.Equal(body, (await running).Payload.ToArray());
    }

    [Fact]
    public async Task Cancellation_EndsTheTransfer_AndReleasesItsTokens()
    {
        await using var harness = new DownloadHarness();
        using var cancellation = new CancellationTokenSource();
        var template = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get };
        var download = new QBlock2Download(harness.ClientEndpoint, template, DownloadHarness.ServerAddress, new CoapBlockWiseOptions(), 1024, null);
        var running = download.RunAsync(cancellation.Token);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 0, s_et21);
        Assert.Equal(1, harness.ClientEndpoint.TransferTokens);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);

        // A late payload on the released token is refused with RST (RFC 9177 §4.3 relies on that).
        var late = harness.SendQBlock2(request.Token, s_elevenBlocks, 1, s_et21);
        var reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(late.MessageId, reset.MessageId);
    }

    [Fact]
    public async Task Size2BeyondMaxBodySize_FailsTheTransfer()
    {
        await using var harness = new DownloadHarness(new CoapBlockWiseOptions { MaxBodySize = 4096 });
        var (download, running) = Start(harness);
        var request = await harness.NextFromClientAsync();
        harness.SendQBlock2(request.Token, s_elevenBlocks, 0, s_et21);

        var failure = await Assert.ThrowsAsync<CoapException>(() => running);
        Assert.Contains("MaxBodySize", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, download.HeldTokens);
    }

    [Fact]
    public void MissingBlockPlan_FollowsFigures10And11()
    {
        Assert.Equal([new CoapBlock(1, false, 6), new CoapBlock(9, false, 6)], MissingBlockRequest.Plan([1, 9], 10, 11, 6));
        Assert.Equal([new CoapBlock(2, true, 6)], MissingBlockRequest.Plan([2, 3, 4, 5, 6, 7, 8, 9, 10], 10, 11, 6));
        Assert.Equal([new CoapBlock(3, false, 6), new CoapBlock(4, false, 6), new CoapBlock(12, true, 6)], MissingBlockRequest.Plan([3, 4, 12, 13], 10, 14, 6));
        Assert.Equal(10, MissingBlockRequest.Plan([.. Enumerable.Range(0, 40).Select(i => i * 2)], 10, 100, 6).Count);
    }

    private static (QBlock2Download Download, Task<CoapResponse> Running) Start(DownloadHarness harness, bool observe = false, IProgress<CoapTransferProgress>? progress = null)
    {
        var template = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get };
        if (observe)
        {
            template.Options.Add(CoapOptionNumber.Observe, 0u);
        }

        template.Options.Add(CoapOptionNumber.UriPath, "path");
        var download = new QBlock2Download(harness.ClientEndpoint, template, DownloadHarness.ServerAddress, harness.ClientEndpoint.BlockWise, 1024, progress);
        return (download, download.RunAsync(CancellationToken.None));
    }
}
