using System.Net;

namespace Coap.Tests.BlockWise.Download;

/// <summary><see cref="CoapResponse.Body"/> of a response that is not streamed reads its payload.</summary>
public sealed class ResponseBodyTests
{
    private static readonly IPEndPoint s_server = new(IPAddress.Loopback, 5683);

    [Fact]
    public async Task EmptyPayload_SlicedFromADatagram_ReadsAsEmpty_AndCanBeConsumed()
    {
        // A parsed response's empty payload is an empty slice at the end of the datagram, not at offset 0.
        var message = new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.Changed, Payload = new byte[12].AsMemory(12, 0) };
        var response = new CoapResponse(message, s_server);

        var read = await response.Body.ReadAsync();
        response.Body.AdvanceTo(read.Buffer.End);

        Assert.True(read.Buffer.IsEmpty);
        Assert.True(read.IsCompleted);
    }

    [Fact]
    public async Task Payload_IsReadWhole()
    {
        var message = new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.Content, Payload = "abcdef"u8.ToArray().AsMemory(2, 3) };
        var response = new CoapResponse(message, s_server);

        var read = await response.Body.ReadAsync();

        Assert.Equal("cde"u8.ToArray(), System.Buffers.BuffersExtensions.ToArray(read.Buffer));
        response.Body.AdvanceTo(read.Buffer.End);
        Assert.False(response.IsStreamed);
    }
}
