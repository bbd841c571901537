using Coap.Exchanges;

namespace Coap.Observe;

/// <summary>
/// A confirmable notification being retransmitted. An ACK confirms the observer is still there;
/// a RST or giving up removes it (RFC 7641 §3.6, §4.5).
/// </summary>
internal sealed class NotificationTransmission : OutgoingTransmission
{
    public NotificationTransmission(ObserveRegistration registration, ushort messageId, byte[] encoded)
        : base(registration.Peer)
    {
        Registration = registration;
        MessageId = messageId;
        Type = CoapMessageType.Confirmable;
        Encoded = encoded;
    }

    public ObserveRegistration Registration { get; }

    public override void OnAcknowledged()
    {
        Timer?.Dispose();
        Registration.Owner.OnConfirmed(this);
    }

    public override void OnReset()
    {
        Timer?.Dispose();
        Registration.Owner.OnRejected(Registration, RemovalReason.Reset);
    }

    public override void OnGaveUp()
    {
        Timer?.Dispose();
        Registration.Owner.OnRejected(Registration, RemovalReason.NotAcknowledged);
    }
}
