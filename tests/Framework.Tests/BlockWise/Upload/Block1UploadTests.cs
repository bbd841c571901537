using System.IO.Pipelines;

namespace Coap.Tests.BlockWise.Upload;

/// <summary>The client sending request bodies with Block1 (RFC 7959 §2.3, §2.5, §2.9; RFC 9175 Request-Tag).</summary>
public sealed class Block1UploadTests
{
    [Fact]
    public async Task Rfc7959_2_5_BodyGoesInBlocksWithOneRequestTagSize1AndNewTokens()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(2500);
        var progress = new ProgressLog();
        var request = CoapRequest.Put(UploadHarness.Uri("/fw")).WithPayload(body);
        request.Progress = progress;
        var upload = harness.Client.SendAsync(request);

        var received = new List<CoapMessage>();
        for (var i = 0; i < 3; i++)
        {
            var message = await harness.NextFromClientAsync();
            received.Add(message);
            var block = UploadHarness.Block(message, CoapOptionNumber.Block1);
            Assert.Equal(i, block.Number);
            Assert.Equal(i < 2, block.More);
            Assert.Equal(1024, block.Size);
            Assert.Equal(2500u, message.Options.GetUInt(CoapOptionNumber.Size1));
            Assert.Equal("fw", message.Options.GetString(CoapOptionNumber.UriPath));
            Assert.Equal(CoapCode.Put, message.Code);
            harness.AnswerBlock(message, i < 2 ? CoapCode.Continue : CoapCode.Changed);
        }

        var response = await upload.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(body, received.SelectMany(m => m.Payload.ToArray()).ToArray());
        var tag = UploadHarness.RequestTag(received[0]);
        Assert.Equal(8, tag.Length);
        Assert.All(received, m => Assert.Equal(tag, UploadHarness.RequestTag(m)));
        Assert.Equal(3, received.Select(m => Convert.ToHexString(m.Token.Span)).Distinct().Count());
        Assert.Equal(
            [(1024L, 1), (2048L, 2), (2500L, 3)],
            progress.Reports.Select(p => (p.BytesTransferred, p.BlocksTransferred)));
        Assert.All(progress.Reports, p => Assert.Equal((2500L, 3, CoapTransferDirection.Upload), (p.TotalBytes!.Value, p.TotalBlocks!.Value, p.Direction)));
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task Rfc9175_RequestTagIsUniquePerBody()
    {
        await using var harness = new UploadHarness();
        var tags = new List<byte[]>();
        for (var body = 0; body < 2; body++)
        {
            var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), UploadHarness.Body(1500));
            var first = await harness.NextFromClientAsync();
            harness.AnswerBlock(first, CoapCode.Continue);
            var second = await harness.NextFromClientAsync();
            harness.AnswerBlock(second, CoapCode.Changed);
            await upload.WaitAsync(TimeSpan.FromSeconds(10));
            tags.Add(UploadHarness.RequestTag(first));
        }

        Assert.NotEqual(tags[0], tags[1]);
    }

    [Fact]
    public async Task Rfc7959_2_5_SmallerSzxInA231IsUsedFromThenOn()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(1600);
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), body);

        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, true, 6), UploadHarness.Block(first, CoapOptionNumber.Block1));
        harness.AnswerBlock(first, CoapCode.Continue, sizeExponent: 4); // 2.31 Block1 0/1/256

        var received = new List<CoapMessage> { first };
        for (var number = 4; number <= 6; number++)
        {
            var next = await harness.NextFromClientAsync();
            received.Add(next);
            Assert.Equal(new CoapBlock(number, number < 6, 4), UploadHarness.Block(next, CoapOptionNumber.Block1));
            harness.AnswerBlock(next, number < 6 ? CoapCode.Continue : CoapCode.Changed);
        }

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
        Assert.Equal(body, received.SelectMany(m => m.Payload.ToArray()).ToArray());
    }

    [Fact]
    public async Task Rfc7959_2_9_3_OneMessageRequestAnswered413WithBlock1IsSentAgainInBlocks()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(600);
        var upload = harness.Client.PostAsync(UploadHarness.Uri("/log"), body);

        var single = await harness.NextFromClientAsync();
        Assert.False(single.Options.Contains(CoapOptionNumber.Block1));
        Assert.Equal(600, single.Payload.Length);
        harness.Answer(single, CoapCode.RequestEntityTooLarge, o => o.Add(CoapOptionNumber.Block1, new CoapBlock(0, false, 4).Value));

        var received = new List<CoapMessage>();
        for (var number = 0; number < 3; number++)
        {
            var next = await harness.NextFromClientAsync();
            received.Add(next);
            Assert.Equal(new CoapBlock(number, number < 2, 4), UploadHarness.Block(next, CoapOptionNumber.Block1));
            harness.AnswerBlock(next, number < 2 ? CoapCode.Continue : CoapCode.Created);
        }

        Assert.Equal(CoapCode.Created, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
        Assert.Equal(body, received.SelectMany(m => m.Payload.ToArray()).ToArray());
    }

    [Fact]
    public async Task Rfc7959_2_9_3_413WithSmallerBlock1MidBodySendsTheSameBytesSmaller()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(1100);
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), new MemoryStream(body));

        var first = await harness.NextFromClientAsync();
        Assert.Equal(1024, first.Payload.Length);
        harness.Answer(first, CoapCode.RequestEntityTooLarge, o => o.Add(CoapOptionNumber.Block1, new CoapBlock(0, true, 5).Value));

        var received = new List<CoapMessage>();
        for (var number = 0; number < 3; number++)
        {
            var next = await harness.NextFromClientAsync();
            received.Add(next);
            Assert.Equal(new CoapBlock(number, number < 2, 5), UploadHarness.Block(next, CoapOptionNumber.Block1));
            harness.AnswerBlock(next, number < 2 ? CoapCode.Continue : CoapCode.Changed);
        }

        Assert.Equal(CoapCode.Changed, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
        Assert.Equal(body, received.SelectMany(m => m.Payload.ToArray()).ToArray());
    }

    [Fact]
    public async Task Rfc7959_2_9_2_408RestartsAnInMemoryBodyOnceWithANewTagThenFails()
    {
        await using var harness = new UploadHarness();
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), UploadHarness.Body(2048));

        var first = await harness.NextFromClientAsync();
        harness.AnswerBlock(first, CoapCode.Continue);
        var second = await harness.NextFromClientAsync();
        harness.Answer(second, CoapCode.RequestEntityIncomplete);

        var again = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, true, 6), UploadHarness.Block(again, CoapOptionNumber.Block1));
        Assert.NotEqual(UploadHarness.RequestTag(first), UploadHarness.RequestTag(again));
        harness.AnswerBlock(again, CoapCode.Continue);
        var last = await harness.NextFromClientAsync();
        harness.Answer(last, CoapCode.RequestEntityIncomplete);

        var failure = await Assert.ThrowsAsync<CoapResponseException>(() => upload.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(CoapCode.RequestEntityIncomplete, failure.Response!.Code);
    }

    [Fact]
    public async Task Rfc7959_2_9_2_408FailsAStreamedBody()
    {
        await using var harness = new UploadHarness();
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(UploadHarness.Body(3000));
        await pipe.Writer.CompleteAsync();
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), pipe.Reader);

        var first = await harness.NextFromClientAsync();
        Assert.False(first.Options.Contains(CoapOptionNumber.Size1)); // length unknown up front
        harness.Answer(first, CoapCode.RequestEntityIncomplete);
        await Assert.ThrowsAsync<CoapResponseException>(() => upload.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Rfc7959_2_3_AnotherFinalCodeEndsTheUploadAndIsReturned()
    {
        await using var harness = new UploadHarness();
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), UploadHarness.Body(4000));

        var first = await harness.NextFromClientAsync();
        harness.Answer(first, CoapCode.Forbidden);

        Assert.Equal(CoapCode.Forbidden, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task StreamedBodyIsReadAsItGoesAndSeekableStreamsSendSize1()
    {
        await using var harness = new UploadHarness();
        var body = UploadHarness.Body(2100);
        var pipe = new Pipe();
        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), pipe.Reader);
        await pipe.Writer.WriteAsync(body.AsMemory(0, 1500));

        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, true, 6), UploadHarness.Block(first, CoapOptionNumber.Block1));
        harness.AnswerBlock(first, CoapCode.Continue);
        harness.AssertNothingFromClient(); // 476 bytes are not a block yet and the pipe is open
        await pipe.Writer.WriteAsync(body.AsMemory(1500));
        await pipe.Writer.CompleteAsync();

        var second = await harness.NextFromClientAsync();
        harness.AnswerBlock(second, CoapCode.Continue);
        var third = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(2, false, 6), UploadHarness.Block(third, CoapOptionNumber.Block1));
        harness.AnswerBlock(third, CoapCode.Changed);
        await upload.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(body, new[] { first, second, third }.SelectMany(m => m.Payload.ToArray()).ToArray());

        var seekable = harness.Client.PutAsync(UploadHarness.Uri("/fw"), new MemoryStream(body));
        var withSize = await harness.NextFromClientAsync();
        Assert.Equal(2100u, withSize.Options.GetUInt(CoapOptionNumber.Size1));
        harness.Answer(withSize, CoapCode.Forbidden);
        await seekable.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CancellationStopsTheUploadCleanly()
    {
        await using var harness = new UploadHarness();
        using var cancellation = new CancellationTokenSource();
        var upload = harness.Client.SendAsync(CoapRequest.Put(UploadHarness.Uri("/fw")).WithPayload(UploadHarness.Body(5000)), cancellation.Token);

        var first = await harness.NextFromClientAsync();
        harness.AnswerBlock(first, CoapCode.Continue);
        var second = await harness.NextFromClientAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(10)));
        harness.AnswerBlock(second, CoapCode.Continue); // late: nobody waits for it
        harness.AssertNothingFromClient();
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public void BlockSizeMustBeAPowerOfTwoFrom16To1024()
    {
        var request = CoapRequest.Put(UploadHarness.Uri("/fw"));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.BlockSize = 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => request.BlockSize = 2048);
        request.BlockSize = 64;
        Assert.Equal(64, request.BlockSize);
    }

    [Fact]
    public async Task RequestBlockSizeIsUsed()
    {
        await using var harness = new UploadHarness();
        var request = CoapRequest.Post(UploadHarness.Uri("/log")).WithPayload(UploadHarness.Body(100));
        request.BlockSize = 64;
        var upload = harness.Client.SendAsync(request);
        var first = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(0, true, 2), UploadHarness.Block(first, CoapOptionNumber.Block1));
        harness.AnswerBlock(first, CoapCode.Continue);
        var second = await harness.NextFromClientAsync();
        Assert.Equal(new CoapBlock(1, false, 2), UploadHarness.Block(second, CoapOptionNumber.Block1));
        Assert.Equal(36, second.Payload.Length);
        harness.AnswerBlock(second, CoapCode.Created);
        Assert.Equal(CoapCode.Created, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
    }

    [Fact]
    public async Task SmallPayloadGoesAsOneMessage()
    {
        await using var harness = new UploadHarness();
        var upload = harness.Client.PostAsync(UploadHarness.Uri("/log"), UploadHarness.Body(100));
        var single = await harness.NextFromClientAsync();
        Assert.False(single.Options.Contains(CoapOptionNumber.Block1));
        Assert.False(single.Options.Contains(CoapOptionNumber.RequestTag));
        harness.Answer(single, CoapCode.Created);
        Assert.Equal(CoapCode.Created, (await upload.WaitAsync(TimeSpan.FromSeconds(10))).Code);
    }
}
