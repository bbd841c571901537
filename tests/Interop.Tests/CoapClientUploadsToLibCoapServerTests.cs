using Coap.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests;

/// <summary>
/// Our client uploading a large body to libcoap's coap-server-notls 4.3.1, which has no Q-Block: the probe
/// (RFC 9177 §4.1, QB-02, QB-03) gets 4.02 and the body goes as Block1 (RFC 7959 §2.5).
/// </summary>
[Trait("Category", "Interop")]
public sealed class CoapClientUploadsToLibCoapServerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Put100KiBWithQBlockRequested_FallsBackToBlock1_AndLibCoapReturnsTheSameBytes()
    {
        await using var peer = await LibCoapServerProcess.StartAsync("127.0.0.1");
        using var logs = new RecordingLoggerFactory(LogLevel.Debug);
        await using var client = new CoapClient(loggerFactory: logs);
        var body = new byte[100 * 1024];
        new Random(9177).NextBytes(body);
        var progress = new List<CoapTransferProgress>();
        var request = CoapRequest.Put(peer.Uri("/example_data")).WithBody(new MemoryStream(body), CoapContentFormat.OctetStream);
        request.UseQBlock = true;
        request.Progress = new SynchronousProgress(progress);

        var response = await client.SendAsync(request).WaitAsync(Limit);

        Assert.True(response.IsSuccess, $"PUT answered {response.Code}; server output: {peer.Output}");
        Assert.Contains(logs.Entries, e => e.EventId.Name == "QBlockProbed" && e.Message.EndsWith("False", StringComparison.Ordinal));
        Assert.Equal(100, progress.Count);
        Assert.Equal(body.Length, progress[^1].BytesTransferred);
        Assert.Equal(1.0, progress[^1].Fraction);

        var fetched = await LibCoapClient.RunAsync(["-b", "1024"], peer.Uri("/example_data"), waitSeconds: 20);
        Assert.True(body.AsSpan().SequenceEqual(fetched.Stdout), $"{fetched.Stdout.Length} bytes back; {fetched.Describe()}");
    }

    private sealed class SynchronousProgress(List<CoapTransferProgress> reports) : IProgress<CoapTransferProgress>
    {
        public void Report(CoapTransferProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
