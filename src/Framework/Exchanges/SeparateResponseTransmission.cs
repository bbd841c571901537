using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>A confirmable separate response (RFC 7252 §5.2.2) retransmitted until the client acknowledges it.</summary>
internal sealed class SeparateResponseTransmission : OutgoingTransmission
{
    public SeparateResponseTransmission(PeerAddress peer, ushort messageId, byte[] encoded)
        : base(peer)
    {
        MessageId = messageId;
        Type = CoapMessageType.Confirmable;
        Encoded = encoded;
    }

    public override void OnAcknowledged() => Timer?.Dispose();

    public override void OnReset() => Timer?.Dispose();

    public override void OnGaveUp() => Timer?.Dispose();
}
