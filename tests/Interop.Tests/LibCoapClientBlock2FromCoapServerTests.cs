using Coap.Interop.Tests.Infrastructure;
using Coap.TestUtilities;

namespace Coap.Interop.Tests;

/// <summary>libcoap's coap-client-notls (4.3.1) downloading a large resource of our server with Block2 (RFC 7959 §2.4).</summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientBlock2FromCoapServerTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("coap-interop-block2-").FullName;

    public static TheoryData<string, string> SizesAndTypes() => new()
    {
        { "64", "" },
        { "64", "-N" },
        { "1024", "" },
    };

    [Theory]
    [MemberData(nameof(SizesAndTypes))]
    public async Task Get_100KiB_WithBlock2_ArrivesByteForByte(string blockSize, string type)
    {
        var body = new byte[100 * 1024];
        new Random(7959).NextBytes(body);
        var handler = DelegateHandler.Sync(context =>
        {
            if (context.GetPath() != "/big")
            {
                context.Response.Code = CoapCode.NotFound;
                return;
            }

            context.Response.SetContentFormat(CoapContentFormat.OctetStream);
            context.Response.SetPayload(body);
        });
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        await using var server = new CoapServer(handler, options);
        await server.StartAsync();
        var file = Path.Combine(_temp, $"big-{blockSize}{type}.bin");

        List<string> arguments = ["-B", "60", "-b", blockSize, "-o", file];
        if (type.Length > 0)
        {
            arguments.Add(type);
        }

        arguments.Add($"coap://127.0.0.1:{server.LocalEndPoints[0].Port}/big");
        var result = await PeerProcess.RunAsync(Peers.LibCoapClient, arguments, TimeSpan.FromSeconds(90));

        Assert.True(File.Exists(file), result.Describe());
        var received = await File.ReadAllBytesAsync(file);
        Assert.True(body.AsSpan().SequenceEqual(received), $"{received.Length} bytes received; {result.Describe()}");

        // The handler ran once: every later block came from the kept body.
        Assert.Equal(1, handler.Calls);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
