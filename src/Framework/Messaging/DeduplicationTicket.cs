namespace Coap.Messaging;

/// <summary>
/// Where <see cref="DeduplicationCache.Begin"/> put an entry, so completing it needs no second
/// lookup; the generation tells a reused slot from the one that was handed out.
/// </summary>
internal readonly record struct DeduplicationTicket(int Slot, uint Generation);
