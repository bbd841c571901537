using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// Our client downloads a large body from libcoap's coap-server-notls (4.3.1) with Block2 (RFC 7959 §2.4): the body
/// is first PUT to its <c>/example_data</c> by coap-client-notls in 1024-byte blocks, then fetched and compared byte for byte.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CoapClientBlock2FromLibCoapServerTests
{
    private const int BodyLength = 100 * 1024;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(null)]
    [InlineData(64)]
    public async Task Get_LargeExampleData_ArrivesIntact(int? blockSize)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(Loopback.V4);
        var body = new byte[BodyLength];
        new Random(1234).NextBytes(body);
        var file = Path.Combine(Path.GetTempPath(), $"coap-block2-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var put = await LibCoapClient.RunAsync(["-m", "put", "-b", "1024", "-t", "42", "-f", file], peer.Uri("/example_data"), waitSeconds: 20);
            Assert.Null(LibCoapClient.ErrorCode(put));
        }
        finally
        {
            File.Delete(file);
        }

        await using var client = new CoapClient();
        var progress = new List<CoapTransferProgress>();
        var request = CoapRequest.Get(peer.Uri("/example_data"));
        request.BlockSize = blockSize;
        request.Progress = new SynchronousProgress(progress.Add);

        var response = await client.SendAsync(request).WaitAsync(s_limit);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(body, response.Payload.ToArray());
        Assert.False(response.Options.Contains(CoapOptionNumber.Block2));
        Assert.Equal(CoapBlock.CountBlocks(BodyLength, blockSize ?? 1024), progress.Count);
        Assert.Equal(BodyLength, progress[^1].BytesTransferred);
    }

    [Fact]
    public async Task Get_LargeExampleData_Streamed_ArrivesIntact()
    {
        await using var peer = await LibCoapServerProcess.StartAsync(Loopback.V4);
        var body = new byte[BodyLength];
        new Random(99).NextBytes(body);
        var file = Path.Combine(Path.GetTempPath(), $"coap-block2-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, body);
        try
        {
            var put = await LibCoapClient.RunAsync(["-m", "put", "-b", "1024", "-t", "42", "-f", file], peer.Uri("/example_data"), waitSeconds: 20);
            Assert.Null(LibCoapClient.ErrorCode(put));
        }
        finally
        {
            File.Delete(file);
        }

        await using var client = new CoapClient();
        var response = await client.SendAsync(CoapRequest.Get(peer.Uri("/example_data")), CoapCompletionOption.ResponseHeadersRead).WaitAsync(s_limit);
        Assert.True(response.IsStreamed);
        using var received = new MemoryStream();
        await response.Body.CopyToAsync(received).WaitAsync(s_limit);
        Assert.Equal(body, received.ToArray());
    }

    private sealed class SynchronousProgress(Action<CoapTransferProgress> report) : IProgress<CoapTransferProgress>
    {
        public void Report(CoapTransferProgress value) => report(value);
    }
}
