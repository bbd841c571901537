namespace Coap.Messaging;

/// <summary>What the deduplication cache knows about a received message ID.</summary>
internal enum DeduplicationOutcome : byte
{
    /// <summary>First time seen: process it.</summary>
    New,

    /// <summary>Seen, still being processed, nothing sent yet: drop it.</summary>
    InProgress,

    /// <summary>Seen and an empty ACK was sent: send the empty ACK again.</summary>
    AckSent,

    /// <summary>Seen and answered: the cached response was copied out; send it again.</summary>
    Responded,

    /// <summary>Seen and answered with nothing to repeat (NON, or a suppressed response): drop it.</summary>
    Done,
}
