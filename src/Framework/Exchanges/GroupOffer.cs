namespace Coap.Exchanges;

/// <summary>What a <see cref="GroupExchange"/> did with a response offered to it.</summary>
internal enum GroupOffer
{
    /// <summary>Buffered for the consumer.</summary>
    Accepted,

    /// <summary>The same datagram (source and message ID) came already: dropped.</summary>
    Duplicate,

    /// <summary>The consumer's buffer is full: dropped.</summary>
    Overflow,

    /// <summary>The request had ended: dropped as late.</summary>
    Ended,
}
