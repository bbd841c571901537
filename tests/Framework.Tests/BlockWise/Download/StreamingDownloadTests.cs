using System.Buffers;
using System.IO.Pipelines;

namespace Coap.Tests.BlockWise.Download;

/// <summary>
/// <see cref="CoapCompletionOption.ResponseHeadersRead"/>: SendAsync returns with the first Block2 block and the body
/// streams through <see cref="CoapResponse.Body"/> while later blocks arrive (RFC 7959 §2.4 driven by the client).
/// </summary>
public sealed class StreamingDownloadTests
{
    [Fact]
    public async Task ResponseHeadersRead_ReturnsAfterTheFirstBlock_AndTheBodyStreams()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(200);
        var progress = new ProgressLog();
        var request = CoapRequest.Get(DownloadHarness.Uri("/stream"));
        request.Progress = progress;
        var sending = harness.Client.SendAsync(request, CoapCompletionOption.ResponseHeadersRead);

        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2, etag: [7]);
        var response = await sending;
        Assert.True(response.IsStreamed);
        Assert.Equal(CoapCode.Content, response.Code);
        Assert.False(response.Options.Contains(CoapOptionNumber.Block2));
        Assert.Equal(200u, response.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Throws<InvalidOperationException>(() => response.Payload);

        // Block 0 is readable before block 1 is even answered.
        var firstRead = await response.Body.ReadAsync();
        Assert.Equal(body.AsSpan(0, 64).ToArray(), firstRead.Buffer.ToArray());
        response.Body.AdvanceTo(firstRead.Buffer.End);
        var pending = response.Body.ReadAsync();
        Assert.False(pending.IsCompleted);

        var received = new List<byte>(body.AsSpan(0, 64).ToArray());
        for (var n = 1; n <= 3; n++)
        {
            var next = await harness.NextFromClientAsync();
            Assert.Equal(n, DownloadHarness.Block2Of(next).Number);
            harness.AnswerBlock(next, body, 2, etag: [7]);
        }

        while (true)
        {
            var result = await pending;
            received.AddRange(result.Buffer.ToArray());
            response.Body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }

            pending = response.Body.ReadAsync();
        }

        Assert.Equal(body, received.ToArray());
        Assert.Equal(200, progress.Reports[^1].BytesTransferred);
        await response.Body.CompleteAsync();
    }

    [Fact]
    public async Task ErrorMidTransfer_SurfacesFromTheReader()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(200);
        var sending = harness.Client.SendAsync(CoapRequest.Get(DownloadHarness.Uri("/stream")), CoapCompletionOption.ResponseHeadersRead);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2);
        var response = await sending;
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2);
        harness.Send(DownloadHarness.Piggybacked(await harness.NextFromClientAsync(), CoapCode.ServiceUnavailable));

        var failure = await Assert.ThrowsAsync<CoapResponseException>(async () => await ReadAllAsync(response.Body));
        Assert.Equal(CoapCode.ServiceUnavailable, failure.Response!.Code);
    }

    [Fact]
    public async Task EtagChangeWhileStreaming_FailsTheReader_InsteadOfMixingRepresentations()
    {
        await using var harness = new DownloadHarness();
        var sending = harness.Client.SendAsync(CoapRequest.Get(DownloadHarness.Uri("/stream")), CoapCompletionOption.ResponseHeadersRead);
        harness.AnswerBlock(await harness.NextFromClientAsync(), DownloadHarness.Body(200, seed: 1), 2, etag: [1]);
        var response = await sending;
        harness.AnswerBlock(await harness.NextFromClientAsync(), DownloadHarness.Body(200, seed: 2), 2, etag: [2]);

        await Assert.ThrowsAsync<CoapException>(async () => await ReadAllAsync(response.Body));
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task ReaderCompletedEarly_StopsFetchingBlocks()
    {
        await using var harness = new DownloadHarness();
        var body = DownloadHarness.Body(200);
        var sending = harness.Client.SendAsync(CoapRequest.Get(DownloadHarness.Uri("/stream")), CoapCompletionOption.ResponseHeadersRead);
        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2);
        var response = await sending;
        await response.Body.CompleteAsync();

        harness.AnswerBlock(await harness.NextFromClientAsync(), body, 2);
        harness.AssertNothingFromClient();
    }

    [Fact]
    public async Task SingleBlockResponse_WithResponseHeadersRead_IsNotStreamed()
    {
        await using var harness = new DownloadHarness();
        var sending = harness.Client.SendAsync(CoapRequest.Get(DownloadHarness.Uri("/small")), CoapCompletionOption.ResponseHeadersRead);
        harness.Send(DownloadHarness.Piggybacked(await harness.NextFromClientAsync(), CoapCode.Content, [9, 8]));
        var response = await sending;
        Assert.False(response.IsStreamed);
        Assert.Equal([9, 8], await ReadAllAsync(response.Body));
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        var all = new List<byte>();
        while (true)
        {
            var result = await reader.ReadAsync();
            all.AddRange(result.Buffer.ToArray());
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return [.. all];
            }
        }
    }
}
