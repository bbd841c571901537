namespace Coap.Exchanges;

/// <summary>
/// What the client keeps per CoAP group for congestion control (draft-ietf-core-groupcomm-bis §3.6): the group
/// requests holding one of its NSTART places, those waiting for one, and whether the group answered what was last
/// sent, which decides whether PROBING_RATE paces the next transmission. Guarded by the endpoint's exchange lock.
/// </summary>
internal sealed class GroupTraffic(GroupParameters parameters)
{
    public GroupParameters Parameters { get; } = parameters;

    /// <summary>Group requests holding an NSTART place.</summary>
    public int Holding { get; set; }

    /// <summary>Group requests waiting for a place, in order; one that ends leaves the queue at once.</summary>
    public Queue<GroupExchange> Waiting { get; } = new();

    /// <summary>Requests whose transmission waits for the probing rate; a response lets them go at once.</summary>
    public List<GroupExchange> Paced { get; } = [];

    /// <summary>
    /// Whether a response came after the last transmission; a fresh group counts as answering. A field: the response
    /// path reads it without the lock first, where a stale value only costs taking the lock.
    /// </summary>
    public bool Answered = true;

    /// <summary>When the last transmission went out (a timestamp) and its size.</summary>
    public long LastSentAt { get; set; }

    public int LastSentBytes { get; set; }

    /// <summary>Nothing holds, waits or is paced, and no pacing debt is left: the entry can go.</summary>
    public bool IsIdle(long now, long frequency) =>
        Holding == 0 && Waiting.Count == 0 && Paced.Count == 0 && (Answered || now >= PacedUntil(frequency));

    /// <summary>
    /// The earliest timestamp the next transmission may leave: now when the group answered the last one, otherwise when
    /// the last one's bytes, spread at the probing rate, have been paid for (RFC 7252 §4.7's average rate).
    /// </summary>
    public long EarliestSend(long now, long frequency) => Answered ? now : Math.Max(now, PacedUntil(frequency));

    private long PacedUntil(long frequency) =>
        LastSentAt + (long)Math.Min(LastSentBytes / Parameters.ProbingRate * frequency, long.MaxValue / 4);
}
