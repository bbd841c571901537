using Coap.Observe;

namespace Coap.Endpoint;

/// <summary>
/// A notification, encoded, waiting for its group's Leisure slot (<see cref="GroupNotificationPacer"/>). A newer
/// one for the same observation takes its place in the queue. Mutated only under the pacer's lock.
/// </summary>
internal sealed class PacedNotification(ObserveRegistration registration, ushort messageId, byte[] datagram, bool confirmable, bool final)
{
    public ObserveRegistration Registration { get; } = registration;

    public ushort MessageId { get; private set; } = messageId;

    public byte[] Datagram { get; private set; } = datagram;

    /// <summary>Sent confirmable: it starts a retransmitted <see cref="NotificationTransmission"/>.</summary>
    public bool Confirmable { get; private set; } = confirmable;

    /// <summary>A final (error) response: sent although the observation ended when it was queued.</summary>
    public bool Final { get; private set; } = final;

    /// <summary>Its turn brings nothing: the observation ended, and this is not the response telling so.</summary>
    public bool Obsolete => Registration.Removed && !Final;

    /// <summary>
    /// Takes the newer state's bytes (RFC 7641 §4.5.2 lets an observer skip states). A confirmable one stays
    /// confirmable: the observer was promised a message it acknowledges.
    /// </summary>
    public void Supersede(PacedNotification newer)
    {
        MessageId = newer.MessageId;
        Datagram = newer.Datagram;
        Final |= newer.Final;
        if (Confirmable && !newer.Confirmable)
        {
            // The type bits are outside OSCORE's protection (RFC 8613 §4.1.3): rewriting them keeps the message valid.
            Datagram[0] = (byte)((Datagram[0] & 0xCF) | ((int)CoapMessageType.Confirmable << 4));
        }

        Confirmable |= newer.Confirmable;
    }
}
