using Coap.Messaging;
using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>
/// A confirmable message on its way: retransmitted with exponential back-off until an ACK or
/// RST arrives or MAX_RETRANSMIT is reached (RFC 7252 §4.2). Subclasses say what each outcome means.
/// </summary>
internal abstract class OutgoingTransmission
{
    protected OutgoingTransmission(PeerAddress peer) => Peer = peer;

    public PeerAddress Peer { get; }

    public ushort MessageId { get; protected set; }

    public CoapMessageType Type { get; protected set; }

    /// <summary>The encoded message, resent verbatim.</summary>
    public byte[] Encoded { get; protected set; } = [];

    public ExchangeKey Key => new(Peer, MessageId);

    /// <summary>Retransmissions so far.</summary>
    public int Retransmissions { get; set; }

    /// <summary>The timeout before the next retransmission.</summary>
    public TimeSpan CurrentTimeout { get; set; }

    /// <summary>The retransmission timer (for a client exchange, afterwards the response timer).</summary>
    public ITimer? Timer { get; set; }

    /// <summary>An empty ACK arrived.</summary>
    public abstract void OnAcknowledged();

    /// <summary>A RST arrived for the message ID.</summary>
    public abstract void OnReset();

    /// <summary>MAX_RETRANSMIT retransmissions went unanswered.</summary>
    public abstract void OnGaveUp();
}
