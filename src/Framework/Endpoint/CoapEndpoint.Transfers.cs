using Coap.Codec;
using Coap.Exchanges;
using Coap.Transport;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    /// <summary>
    /// Sends a response that does not answer a pooled context: paced Q-Block2 payloads, and 2.31 or
    /// 4.08 sent from a timer. NON goes once; CON is retransmitted until acknowledged. Returns the message ID.
    /// </summary>
    internal ushort SendDetachedResponse(in PeerAddress peer, CoapMessageType type, ReadOnlySpan<byte> token, CoapResponseWriter response)
    {
        var messageId = NextMessageId(peer);
        var buffer = SendBuffer;
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(type, response.Code, messageId, token);
        response.WriteBody(ref writer);
        var encoded = buffer.AsSpan(0, writer.BytesWritten);
        _metrics.Response(response.Code);
        if (type == CoapMessageType.Confirmable)
        {
            Transmit(new SeparateResponseTransmission(peer, messageId, encoded.ToArray()));
        }
        else
        {
            _transport.Send(encoded, peer);
        }

        return messageId;
    }
}
