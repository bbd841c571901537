using System.Text;
using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>
/// Actions that take the request body as a PipeReader or a Stream (for bodies reassembled from
/// Block1/Q-Block1, RFC 7959 §2.5, RFC 9177 §4.3): the generated thunk hands them the whole body.
/// </summary>
public sealed class GeneratedRouterBodyTests
{
    [Fact]
    public async Task PipeReaderAndStreamParameters_ReadTheWholeBody()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("BodyBinding"));
        var body = Encoding.UTF8.GetBytes("firmware-chunk-0123456789");

        var viaReader = await app.SendAsync(CoapRequest.Post(app.Uri("/upload/reader")).WithPayload(body));
        var viaStream = await app.SendAsync(CoapRequest.Put(app.Uri("/upload/stream")).WithPayload(body));
        var empty = await app.SendAsync(CoapRequest.Post(app.Uri("/upload/reader")));

        Assert.Equal("25:firmware-chunk-0123456789", viaReader.GetPayloadAsString());
        Assert.Equal("25:firmware-chunk-0123456789", viaStream.GetPayloadAsString());
        Assert.True(empty.Code == CoapCode.Content, $"{empty.Code} {empty.GetPayloadAsString()}");
        Assert.Equal("0:", empty.GetPayloadAsString());
    }

    [Fact]
    public void BodyParameters_AreBoundFromTheContextsBody_WithoutCopying()
    {
        var source = GeneratorHarness.Run(GeneratorHarness.ReadSource("BodyBinding")).AssertCompilesCleanly().GeneratedSource;

        // The framework streams bodies: the thunk reads CoapContext.BodyReader, never a copy of the payload.
        const string reader = "context.BodyReader";
        Assert.Contains("var arg0 = " + reader + ";", source, StringComparison.Ordinal);
        Assert.Contains("var arg0 = " + reader + ".AsStream();", source, StringComparison.Ordinal);
    }
}
