using Coap.Interop.Tests.Infrastructure;
using Coap.TestUtilities;

namespace Coap.Interop.Tests;

/// <summary>
/// libcoap's coap-client-notls (4.3.1) uploads a 100 KiB file to our server with Block1 (RFC 7959 §2.5):
/// the handler runs once and stores the reassembled body, which must equal the file byte for byte.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientUploadsInBlocksTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("coap-upload-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutOf100KiBWithBlock1Size64_ArrivesByteForByte_AndTheActionRunsOnce(bool confirmable)
    {
        var stored = new List<byte[]>();
        var handler = DelegateHandler.Sync(context =>
        {
            if (context.GetPath() != "/upload")
            {
                context.Response.Code = CoapCode.NotFound;
                return;
            }

            lock (stored)
            {
                stored.Add(context.Payload.ToArray());
            }

            context.Response.Code = CoapCode.Changed;
        });
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        await using var server = new CoapServer(handler, options);
        await server.StartAsync();
        var file = Path.Combine(_temp, "upload.bin");
        var content = new byte[100 * 1024];
        new Random(7959).NextBytes(content);
        await File.WriteAllBytesAsync(file, content);
        List<string> arguments = ["-m", "put", "-b", "64", "-f", file];
        if (!confirmable)
        {
            arguments.Insert(0, "-N");
        }

        var result = await LibCoapClient.RunAsync(arguments, $"coap://{Loopback.V4}:{server.LocalEndPoints[0].Port}/upload", waitSeconds: 60);

        Assert.True(LibCoapClient.ErrorCode(result) is null, result.Describe());
        var body = Assert.Single(stored);
        Assert.True(content.AsSpan().SequenceEqual(body), $"the stored body ({body.Length} bytes) differs from the file.{Environment.NewLine}{result.Describe()}");
        Assert.Equal(1, handler.Calls);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
