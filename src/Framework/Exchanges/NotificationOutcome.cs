namespace Coap.Exchanges;

/// <summary>What a <see cref="ClientObservation"/> did with a response offered to it.</summary>
internal enum NotificationOutcome
{
    /// <summary>Fresh: buffered for the consumer.</summary>
    Accepted,

    /// <summary>Older than the latest fresh notification (RFC 7641 §3.4): dropped.</summary>
    Stale,

    /// <summary>Not 2.xx, or no Observe: buffered as the last response; the observation ended.</summary>
    Final,

    /// <summary>The observation had already ended: ignored.</summary>
    Ended,
}
