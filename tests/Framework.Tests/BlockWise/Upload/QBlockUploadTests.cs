using Coap.Transport.InMemory;

namespace Coap.Tests.BlockWise.Upload;

/// <summary>
/// The client sending request bodies with Q-Block1 over NON (RFC 9177 §4.3, §5, §7.2; seeds-app.md §1.6 Figures 3–7,
/// §9.1 C2–C3), against a scripted server with MAX_PAYLOADS 10 and blocks of 1024 bytes.
/// </summary>
public sealed class QBlockUploadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Figure3_NonPutWithoutLoss_QB10_QB11_QB13()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(3500);
        var upload = await StartAsync(harness, body);

        var blocks = await harness.NextFromClientAsync(4);
        AssertBlocks(blocks, body.Length, [0, 1, 2, 3], lastNumber: 3);
        Assert.Equal(body, blocks.SelectMany(m => m.Payload.ToArray()).ToArray());
        harness.Answer(blocks[3], CoapCode.Changed);

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task QB22_TokensAreForgottenSoALate408GetsReset()
    {
        await using var harness = new UploadHarness();
        var upload = await StartAsync(harness, UploadHarness.Body(2000));
        var blocks = await harness.NextFromClientAsync(2);
        harness.Answer(blocks[1], CoapCode.Changed);
        await upload.WaitAsync(Wait);

        harness.SendMissing(blocks[0], 0);
        var reset = await harness.NextFromClientAsync();
        Assert.Equal(CoapMessageType.Reset, reset.Type);
    }

    [Fact]
    public async Task Figure4_231ContinueStartsTheNextSetAtOnce_QB15_QB52()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body((10 * 1024) + 500);
        var progress = new ProgressLog();
        var upload = await StartAsync(harness, body, progress);

        var set = await harness.NextFromClientAsync(10);
        AssertBlocks(set, body.Length, Enumerable.Range(0, 10), lastNumber: 10);
        harness.AssertNothingFromClient();

        harness.Answer(set[9], CoapCode.Continue, o => o.Add(CoapOptionNumber.QBlock1, new CoapBlock(9, true, 6).Value));
        var last = await harness.NextFromClientAsync(); // no clock advance: the 2.31 ends the pause
        Assert.Equal(new CoapBlock(10, false, 6), UploadHarness.Block(last, CoapOptionNumber.QBlock1));
        Assert.Equal(UploadHarness.RequestTag(set[0]), UploadHarness.RequestTag(last));
        harness.Answer(last, CoapCode.Changed);

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
        Assert.Equal([10, 11], progress.Reports.Select(p => p.BlocksTransferred));
        Assert.Equal(body.Length, progress.Reports[^1].BytesTransferred);
    }

    [Fact]
    public async Task QB52_WithoutContinueTheGapBetweenSetsIsNonTimeoutRandom()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body((10 * 1024) + 500);
        var upload = await StartAsync(harness, body);
        var set = await harness.NextFromClientAsync(10);

        var last = await AdvanceThroughPauseAsync(harness);
        Assert.Equal(new CoapBlock(10, false, 6), UploadHarness.Block(last, CoapOptionNumber.QBlock1));
        var gap = SentAt(harness, 10) - SentAt(harness, 9);
        Assert.InRange(gap, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        harness.Answer(last, CoapCode.Changed);
        await upload.WaitAsync(Wait);
        Assert.Equal(10, set.Count);
    }

    [Fact]
    public async Task Figures5And6_MissingBlocksAreSentAgainExactly_QB17_QB56()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body((12 * 1024) + 100);
        var dropped = new HashSet<int>();
        harness.Network.DropWhen = d => QBlockNumber(d) is { } n and (1 or 9 or 10) && dropped.Add(n); // first copies only
        var upload = await StartAsync(harness, body);

        var first = await harness.NextFromClientAsync(8); // 0, 2..8 arrive; 1 and 9 are lost
        Assert.Equal([0, 2, 3, 4, 5, 6, 7, 8], first.Select(m => UploadHarness.Block(m, CoapOptionNumber.QBlock1).Number));
        var next = await AdvanceThroughPauseAsync(harness); // 10 is lost, 11 arrives
        Assert.Equal(11, UploadHarness.Block(next, CoapOptionNumber.QBlock1).Number);
        var twelve = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(12, false, 6), UploadHarness.Block(twelve, CoapOptionNumber.QBlock1));

        // NON 4.08 T:(block 11) [Missing 1,9]: the client sends 1 and 9 again, ascending, same Request-Tag and Size1.
        // (Figure 5 has 12 still unsent at this point and sends it after them; here the whole set went before the 4.08.)
        harness.SendMissing(next, 1, 9);
        var resent = await harness.NextFromClientAsync(2);
        AssertBlocks(resent, body.Length, [1, 9], lastNumber: 12);
        Assert.Equal(UploadHarness.RequestTag(first[0]), UploadHarness.RequestTag(resent[0]));
        harness.AssertNothingFromClient();

        // NON_RECEIVE_TIMEOUT at the server: NON 4.08 T:(block 12) [Missing 10].
        harness.Advance(TimeSpan.FromSeconds(4));
        harness.SendMissing(twelve, 10);
        var ten = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(10, true, 6), UploadHarness.Block(ten, CoapOptionNumber.QBlock1));
        harness.Answer(ten, CoapCode.Changed);

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
        var all = first.Concat([next, twelve]).Concat(resent).Append(ten)
            .OrderBy(m => UploadHarness.Block(m, CoapOptionNumber.QBlock1).Number)
            .SelectMany(m => m.Payload.ToArray()).ToArray();
        Assert.Equal(body, all);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task Figure7_RecoveryFailsAndTheClientGivesUp_QB16_QB59()
    {
        await using var harness = new UploadHarness();
        harness.Network.DropWhen = d => QBlockNumber(d) == 1;
        var upload = await StartAsync(harness, UploadHarness.Body(2100));

        var arrived = await harness.NextFromClientAsync(2);
        Assert.Equal([0, 2], arrived.Select(m => UploadHarness.Block(m, CoapOptionNumber.QBlock1).Number));

        // The server asks at ×1, ×2, ×4, ×8 NON_RECEIVE_TIMEOUT; each time the client sends block 1 again (lost again).
        // Half a second early, so that no 4.08 lands on the very tick a silence timer of the client fires (a race).
        var wait = TimeSpan.FromSeconds(4);
        for (var retry = 1; retry <= 4; retry++)
        {
            harness.Advance(wait - TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
            harness.SendMissing(arrived[1], 1);
            UploadHarness.WaitFor(() => SentCount(harness, 1) == retry + 1);
            wait *= 2;
        }

        // The server gives up (NON_MAX_RETRANSMIT reached). The client sends its last block again after 8, 16, 32 and
        // 64 s of silence (a lost final response would come back), then gives up after 128 s more.
        harness.Advance(TimeSpan.FromSeconds(247), TimeSpan.FromSeconds(1));
        Assert.False(upload.IsCompleted);
        await Assert.ThrowsAsync<CoapTimeoutException>(() => harness.RunUntilAsync(upload, TimeSpan.FromSeconds(1)));
        var trace = string.Join(" ", harness.Network.Sent.Select(d => $"{QBlockNumber(d)}@{d.SentAt.ToUnixTimeMilliseconds() % 1_000_000}"));
        Assert.True(SentCount(harness, 1) == 5, trace);

        // After the last resend the client probes with its last block NON_MAX_RETRANSMIT times, then gives up. Probes
        // during the server's recovery depend on how the fake clock's steps interleave with the client, so they are not counted.
        var blocks = harness.Network.Sent.Select(QBlockNumber).ToList();
        Assert.True(blocks.Skip(blocks.LastIndexOf(1) + 1).Count(n => n == 2) == 4, trace);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task QB18_DuplicatesInA408AreIgnoredAndAListOutOfOrderIsDropped()
    {
        await using var harness = new UploadHarness();
        var upload = await StartAsync(harness, UploadHarness.Body(3000));
        var blocks = await harness.NextFromClientAsync(3);

        harness.SendMissing(blocks[2], 2, 1);
        harness.SendMissing(blocks[2], 1, 1, 1);
        var resent = await harness.NextFromClientAsync();
        Assert.Equal(1, UploadHarness.Block(resent, CoapOptionNumber.QBlock1).Number);
        harness.AssertNothingFromClient();

        harness.Answer(resent, CoapCode.Changed);
        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
    }

    [Fact]
    public async Task QB21_ALostFinalResponseIsRecoveredBySendingTheLastBlockAgain()
    {
        await using var harness = new UploadHarness();
        var upload = await StartAsync(harness, UploadHarness.Body(3000));
        var blocks = await harness.NextFromClientAsync(3);
        harness.AssertNothingFromClient();

        // The 2.04 to block 2 is lost; after 2 × NON_RECEIVE_TIMEOUT of silence the client sends block 2 again.
        harness.Advance(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(1));
        var again = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(2, false, 6), UploadHarness.Block(again, CoapOptionNumber.QBlock1));
        Assert.Equal(blocks[2].Payload.ToArray(), again.Payload.ToArray());
        Assert.NotEqual(blocks[2].Token.ToArray(), again.Token.ToArray());
        harness.Answer(again, CoapCode.Changed);

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
    }

    [Fact]
    public async Task QB18_Duplicated408sDoNotMultiplyResends()
    {
        await using var harness = new UploadHarness();
        var upload = await StartAsync(harness, UploadHarness.Body(3000));
        var blocks = await harness.NextFromClientAsync(3);

        harness.SendMissing(blocks[2], 1);
        harness.SendMissing(blocks[2], 1); // a duplicate that crossed the resend
        var resent = await harness.NextFromClientAsync();
        Assert.Equal(1, UploadHarness.Block(resent, CoapOptionNumber.QBlock1).Number);
        harness.AssertNothingFromClient();

        // A real retry, NON_RECEIVE_TIMEOUT later, is honoured.
        harness.Advance(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        harness.SendMissing(blocks[2], 1);
        var retried = await harness.NextFromClientAsync();
        Assert.Equal(1, UploadHarness.Block(retried, CoapOptionNumber.QBlock1).Number);
        harness.Answer(retried, CoapCode.Changed);
        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(Wait)).Code);
    }

    [Fact]
    public async Task CancellationDuringThePauseStopsAndReleasesEveryToken()
    {
        await using var harness = new UploadHarness();
        using var cancellation = new CancellationTokenSource();
        var request = CoapRequest.Put(UploadHarness.Uri("/path")).WithPayload(UploadHarness.Body(15 * 1024)).AsNonConfirmable();
        request.UseQBlock = true;
        var upload = harness.Client.SendAsync(request, cancellation.Token);
        AnswerProbe(harness, await harness.NextFromClientAsync(), supported: true);
        await harness.NextFromClientAsync(10);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(Wait));
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
        harness.Advance(TimeSpan.FromSeconds(5));
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task QB19_A408WithoutContentFormat272IsHandledLikeRfc7959()
    {
        await using var harness = new UploadHarness();
        var upload = await StartAsync(harness, UploadHarness.Body(3000));
        var blocks = await harness.NextFromClientAsync(3);

        harness.Answer(blocks[2], CoapCode.RequestEntityIncomplete);
        await Assert.ThrowsAsync<CoapResponseException>(() => upload.WaitAsync(Wait));
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task StreamedBodyIsBufferedUpToMaxBodySize()
    {
        await using var harness = new UploadHarness(o => o.MaxBodySize = 4096);
        var request = CoapRequest.Put(UploadHarness.Uri("/fw")).WithBody(new MemoryStream(UploadHarness.Body(5000))).AsNonConfirmable();
        request.UseQBlock = true;
        var upload = harness.Client.SendAsync(request);
        AnswerProbe(harness, await harness.NextFromClientAsync(), supported: true);

        await Assert.ThrowsAsync<CoapException>(() => upload.WaitAsync(Wait));
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    /// <summary>Starts a NON PUT with Q-Block and answers the probe with support.</summary>
    internal static async Task<Task<CoapResponse>> StartAsync(UploadHarness harness, byte[] body, IProgress<CoapTransferProgress>? progress = null)
    {
        var request = CoapRequest.Put(UploadHarness.Uri("/path")).WithPayload(body).AsNonConfirmable();
        request.UseQBlock = true;
        request.Progress = progress;
        var upload = harness.Client.SendAsync(request);
        AnswerProbe(harness, await harness.NextFromClientAsync(), supported: true);
        return upload;
    }

    internal static void AnswerProbe(UploadHarness harness, CoapMessage probe, bool supported)
    {
        Assert.Equal(CoapMessageType.Confirmable, probe.Type);
        Assert.Equal(CoapCode.Get, probe.Code);
        Assert.Equal([".well-known", "core"], probe.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
        Assert.True(probe.Options.TryGet(CoapOptionNumber.QBlock2, out var option));
        Assert.Equal(0, option.Value.Length); // zero-length: NUM 0, M 0, SZX 0, as libcoap sends it
        if (supported)
        {
            harness.Answer(probe, CoapCode.Content, o => o.Add(CoapOptionNumber.QBlock2, 0u), "</path>"u8.ToArray());
        }
        else
        {
            // As libcoap 4.3.1 answers: 4.02 with the unknown option echoed.
            harness.Answer(probe, CoapCode.BadOption, o => o.Add(CoapOptionNumber.QBlock2, 0u), "Bad Option"u8.ToArray());
        }
    }

    /// <summary>Advances the clock until the pause timer fires, then returns the first block of the next set.</summary>
    private static async Task<CoapMessage> AdvanceThroughPauseAsync(UploadHarness harness)
    {
        UploadHarness.WaitFor(() => harness.Time.ScheduledTimerCount > 0);
        for (var step = 0; step < 400 && harness.Time.ScheduledTimerCount > 0; step++)
        {
            harness.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        return await harness.NextFromClientAsync();
    }

    private static void AssertBlocks(List<CoapMessage> blocks, int length, IEnumerable<int> numbers, int lastNumber)
    {
        Assert.Equal(numbers, blocks.Select(m => UploadHarness.Block(m, CoapOptionNumber.QBlock1).Number));
        var tag = UploadHarness.RequestTag(blocks[0]);
        Assert.Equal(8, tag.Length);
        foreach (var block in blocks)
        {
            var value = UploadHarness.Block(block, CoapOptionNumber.QBlock1);
            Assert.Equal(CoapMessageType.NonConfirmable, block.Type);
            Assert.Equal(CoapCode.Put, block.Code);
            Assert.Equal(1024, value.Size);
            Assert.Equal(value.Number < lastNumber, value.More);
            Assert.Equal((uint)length, block.Options.GetUInt(CoapOptionNumber.Size1));
            Assert.Equal(tag, UploadHarness.RequestTag(block));
            Assert.False(block.Options.Contains(CoapOptionNumber.Block1));
        }

        Assert.Equal(blocks.Count, blocks.Select(m => Convert.ToHexString(m.Token.Span)).Distinct().Count());
    }

    private static int? QBlockNumber(InMemoryDatagram datagram)
    {
        var message = datagram.Parse();
        return message.Options.TryGet(CoapOptionNumber.QBlock1, out var option) && CoapBlock.TryDecode(option.Value.Span, out var block) ? block.Number : null;
    }

    private static DateTimeOffset SentAt(UploadHarness harness, int number) =>
        harness.Network.Sent.First(d => QBlockNumber(d) == number).SentAt;

    private static int SentCount(UploadHarness harness, int number) =>
        harness.Network.Sent.Count(d => QBlockNumber(d) == number);
}
