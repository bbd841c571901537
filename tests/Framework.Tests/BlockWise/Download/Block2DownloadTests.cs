namespace Coap.Tests.BlockWise.Download;

/// <summary>The client collecting a Block2 response body (RFC 7959 §2.2, §2.4, §3.2, §4).</summary>
public sealed class Block2DownloadTests
{
    private static readonly byte[] s_etagA = [0xA1, 0xA2];
    private static readonly byte[] s_etagB = [0xB1];
    private static readonly byte[] s_etagC = [0xC1];

    [Fact]
    public async Task Get_FetchesEveryBlock_WithNewTokens_AndReportsProgressFromSize2()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(300);
        var progress = new ProgressLog();
        var request = CoapRequest.Get(DownloadHarness.Uri("/big"));
        request.Options.Add(CoapOptionNumber.Accept, CoapContentFormat.OctetStream);
        request.Progress = progress;
        var sending = harness.Client.SendAsync(request);

        var first = await harness.NextFromClientAsync();
        Assert.False(first.Options.Contains(CoapOptionNumber.Block2));
        harness.AnswerBlock(first, body, sizeExponent: 2, etag: s_etagA);
        var tokens = new HashSet<string> { Convert.ToHexString(first.Token.Span) };
        for (var n = 1; n <= 4; n++)
        {
            var next = await harness.NextFromClientAsync();
            Assert.Equal(CoapCode.Get, next.Code);
            Assert.Equal(new CoapBlock(n, false, 2), DownloadHarness.Block2Of(next));
            Assert.Equal(["big"], next.Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString()));
            Assert.Equal((uint)CoapContentFormat.OctetStream, next.Options.GetUInt(CoapOptionNumber.Accept));
            Assert.True(next.Payload.IsEmpty);
            Assert.True(tokens.Add(Convert.ToHexString(next.Token.Span)), "every block request has a new token (RFC 7959 §2.4)");
            harness.AnswerBlock(next, body, sizeExponent: 2, etag: s_etagA);
        }

        var response = await sending;
        Assert.Equal(body, response.Payload.ToArray());
        Assert.False(response.Options.Contains(CoapOptionNumber.Block2));
        Assert.Equal(s_etagA, response.Options.GetAll(CoapOptionNumber.ETag).Single().Value.ToArray());
        Assert.Equal(CoapContentFormat.OctetStream, response.ContentFormat);
        Assert.False(response.IsStreamed);
        Assert.Equal([64L, 128, 192, 256, 300], progress.Reports.Select(p => p.BytesTransferred));
        Assert.All(progress.Reports, p => Assert.Equal((300L, 5), (p.TotalBytes!.Value, p.TotalBlocks!.Value)));
        Assert.Equal(5, progress.Reports[^1].BlocksTransferred);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task SmallResponse_WithoutBlock2_IsReturnedAsItIs()
    {
        await using var harness = new DownloadHarness();
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/small"));
        var request = await harness.NextFromClientAsync();
        harness.Send(DownloadHarness.Piggybacked(request, CoapCode.Content, [1, 2, 3]));
        Assert.Equal([1, 2, 3], (await sending).Payload.ToArray());
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task BlockSize_AsksForThatSzxInTheFirstRequest_EarlyNegotiation_Rfc7959_2_4()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(70);
        var request = CoapRequest.Get(DownloadHarness.Uri("/big"));
        request.BlockSize = 32;
        var sending = harness.Client.SendAsync(request);

        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, false, 1), DownloadHarness.Block2Of(first));
        harness.AnswerBlock(first, body, sizeExponent: 6);
        for (var n = 1; n <= 2; n++)
        {
            var next = await harness.NextFromClientAsync();
            Assert.Equal(new CoapBlock(n, false, 1), DownloadHarness.Block2Of(next));
            harness.AnswerBlock(next, body, sizeExponent: 6);
        }

        Assert.Equal(body, (await sending).Payload.ToArray());
    }

    [Fact]
    public async Task ServerSmallerSzx_IsUsedForTheFollowingBlocks_Rfc7959_2_4()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(100);
        var request = CoapRequest.Get(DownloadHarness.Uri("/big"));
        request.BlockSize = 1024;
        var sending = harness.Client.SendAsync(request);

        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, false, 6), DownloadHarness.Block2Of(first));
        harness.AnswerBlock(first, body, sizeExponent: 2);
        var second = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(1, false, 2), DownloadHarness.Block2Of(second));
        harness.AnswerBlock(second, body, sizeExponent: 2);
        Assert.Equal(body, (await sending).Payload.ToArray());
    }

    [Fact]
    public async Task EtagChange_RestartsFromBlockZero_Rfc7959_2_4()
    {
        await using var harness = new DownloadHarness();
        var oldBody = DownloadHarness.Body(100, seed: 1);
        var newBody = DownloadHarness.Body(90, seed: 2);
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/changing"));

        harness.AnswerBlock(await harness.NextFromClientAsync(), oldBody, 2, s_etagA);
        harness.AnswerBlock(await harness.NextFromClientAsync(), newBody, 2, s_etagB);
        var restart = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, false, 2), DownloadHarness.Block2Of(restart));
        harness.AnswerBlock(restart, newBody, 2, s_etagB);
        harness.AnswerBlock(await harness.NextFromClientAsync(), newBody, 2, s_etagB);

        var response = await sending;
        Assert.Equal(newBody, response.Payload.ToArray());
        Assert.Equal(s_etagB, response.Options.GetAll(CoapOptionNumber.ETag).Single().Value.ToArray());
    }

    [Fact]
    public async Task EtagChangingMoreThanMaxRestarts_FailsWithCoapException()
    {
        await using var harness = new DownloadHarness(new CoapBlockWiseOptions { MaxRestarts = 1 });
        var body = DownloadHarness.Body(100);
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/changing"));

        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, s_etagA);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, s_etagB);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, s_etagB);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, s_etagC);

        var failure = await Assert.ThrowsAsync<CoapException>(() => sending);
        Assert.Contains("MaxRestarts", failure.Message, StringComparison.Ordinal);
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task BodyBeyondMaxBodySize_FailsCleanly()
    {
        await using var harness = new DownloadHarness(new CoapBlockWiseOptions { MaxBodySize = 100 });
        var body = DownloadHarness.Body(300);
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/huge"));

        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, size2: false);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, size2: false);

        var failure = await Assert.ThrowsAsync<CoapException>(() => sending);
        Assert.Contains("MaxBodySize", failure.Message, StringComparison.Ordinal);
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task Size2BeyondMaxBodySize_FailsAtTheFirstBlock()
    {
        await using var harness = new DownloadHarness(new CoapBlockWiseOptions { MaxBodySize = 100 });
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/huge"));
        harness.AnswerBlock(await harness.NextFromClientAsync(), DownloadHarness.Body(300), 2);

        await Assert.ThrowsAsync<CoapException>(() => sending);
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task ErrorForALaterBlock_FailsWithCoapResponseException()
    {
        await using var harness = new DownloadHarness();
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/big"));
        harness.AnswerBlock(await harness.NextFromClientAsync(), DownloadHarness.Body(100), 2);
        var second = await harness.NextFromClientAsync();
        harness.Send(DownloadHarness.Piggybacked(second, CoapCode.RequestEntityIncomplete));

        var failure = await Assert.ThrowsAsync<CoapResponseException>(() => sending);
        Assert.Equal(CoapCode.RequestEntityIncomplete, failure.Response!.Code);
    }

    [Fact]
    public async Task ShortBlockWithMore_IsAProtocolError()
    {
        await using var harness = new DownloadHarness();
        var sending = harness.Client.GetAsync(DownloadHarness.Uri("/big"));
        var request = await harness.NextFromClientAsync();
        var bad = DownloadHarness.Piggybacked(request, CoapCode.Content, new byte[10]);
        bad.Options.Add(CoapOptionNumber.Block2, new CoapBlock(0, true, 2).Value);
        harness.Send(bad);

        await Assert.ThrowsAsync<CoapException>(() => sending);
    }

    [Fact]
    public async Task RandomAccess_BlockAboveZeroAskedByTheCaller_IsReturnedAsItIs_Rfc7959_2_4()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(300);
        var request = CoapRequest.Get(DownloadHarness.Uri("/big"));
        request.Options.Add(CoapOptionNumber.Block2, new CoapBlock(2, false, 2).Value);
        var sending = harness.Client.SendAsync(request);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2);

        var response = await sending;
        Assert.Equal(body.AsSpan(128, 64).ToArray(), response.Payload.ToArray());
        harness.AssertNothingFromClient();
    }
}
