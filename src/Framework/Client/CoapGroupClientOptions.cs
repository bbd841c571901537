namespace Coap;

/// <summary>
/// Settings for group requests (<see cref="CoapClient.SendToGroupAsync(CoapRequest, TimeSpan, CancellationToken)"/>,
/// draft-ietf-core-groupcomm-bis §3.1.5 and §3.6): how long a group request's token stays unusable after the request
/// ends, the congestion limits per group (NSTART, PROBING_RATE), and the bounds on what a group request holds.
/// </summary>
/// <remarks>Read when the client is created; later changes have no effect on it.</remarks>
public sealed class CoapGroupClientOptions
{
    /// <summary>NON_LIFETIME + MAX_LATENCY with the default transmission parameters, rounded up as the draft does (§3.1.5).</summary>
    internal static readonly TimeSpan TokenReuseBase = TimeSpan.FromSeconds(250);

    /// <summary>
    /// MAX_SERVER_RESPONSE_DELAY: the longest any server of the group may take to answer, Leisure included.
    /// Default DEFAULT_LEISURE, 5 s (RFC 7252 §8.2).
    /// </summary>
    public TimeSpan MaxServerResponseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// MIN_TOKEN_REUSE_TIME: how long a group request's token stays in quarantine after the request ends, so no later
    /// request takes it while servers may still answer the old one. Null (the default) means 250 s plus
    /// <see cref="MaxServerResponseDelay"/> (draft-ietf-core-groupcomm-bis §3.1.5).
    /// </summary>
    public TimeSpan? MinTokenReuseTime { get; set; }

    /// <summary>
    /// How many tokens group requests may hold at once, in flight or in quarantine. Beyond it a new group request throws
    /// <see cref="CoapException"/> until older tokens leave quarantine: reusing one early would mix up responses. Default 4096.
    /// </summary>
    public int MaxGroupTokens { get; set; } = 4096;

    /// <summary>How many responses of one group request wait for a slow consumer; further ones are dropped and counted. Default 1024.</summary>
    public int ResponseBufferCapacity { get; set; } = 1024;

    /// <summary>
    /// How many times a group request is sent again while it collects responses, same token and a new message ID,
    /// to make up for loss on the way to some members (draft-ietf-core-groupcomm-bis §3.1.5 lets a client repeat a
    /// request on its token). Members that answered before answer again: every answer is yielded, each with its
    /// source. Default 0.
    /// </summary>
    public int RequestRepeats { get; set; }

    /// <summary>
    /// The pause before each repeat (<see cref="RequestRepeats"/>). Default 1 s; it should exceed the members' Leisure.
    /// A group observation's registration is repeated no sooner than <see cref="MaxServerResponseDelay"/> (groupcomm-bis §3.7).
    /// </summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// NSTART for groups (groupcomm-bis §3.6): how many group requests may be open at once towards one CoAP group
    /// (multicast address and port). Further ones wait their turn, in order. A request stops counting when it ends
    /// or once <see cref="MaxServerResponseDelay"/> has passed since it last went out, since by then every member
    /// has answered; so a long group observation does not block later requests. Default 1.
    /// </summary>
    public int NStart { get; set; } = 1;

    /// <summary>
    /// PROBING_RATE for groups (groupcomm-bis §3.6, RFC 7252 §4.7), in bytes per second: while a group gives no
    /// response to what was sent to it, the next request or repeat waits until the average rate towards the group
    /// stays under this. A response from any member lifts the wait. Default 1 byte/s.
    /// </summary>
    public double ProbingRate { get; set; } = 1;

    /// <summary>
    /// The largest group request, in bytes on the wire; a larger one throws <see cref="ArgumentException"/> before it is
    /// sent. A group request cannot continue in Block1, and a small one avoids IP fragmentation, which multicast
    /// suffers most from (groupcomm-bis §3.9.3, §6.6; in a 6LoWPAN network, one IEEE 802.15.4 frame). Default 1152,
    /// the usual CoAP message size limit (RFC 7252 §4.6).
    /// </summary>
    public int MaxRequestSize { get; set; } = 1152;

    /// <summary>How many group requests may wait for their turn per group (<see cref="NStart"/>) before new ones throw <see cref="CoapException"/>. Default 64.</summary>
    public int MaxQueuedRequestsPerGroup { get; set; } = 64;

    /// <summary>
    /// Transmission parameters for particular groups, keyed by the group's address and port as text
    /// (<c>224.0.1.187:5683</c>, <c>[ff02::fd]:5683</c>; no port means 5683). Unset values take the settings above.
    /// </summary>
    public IDictionary<string, CoapGroupTransmissionParameters> PerGroup { get; } = new Dictionary<string, CoapGroupTransmissionParameters>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The quarantine actually applied: <see cref="MinTokenReuseTime"/>, or 250 s plus <see cref="MaxServerResponseDelay"/>.</summary>
    public TimeSpan EffectiveMinTokenReuseTime => MinTokenReuseTime ?? TokenReuseBase + MaxServerResponseDelay;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxServerResponseDelay, TimeSpan.Zero, nameof(MaxServerResponseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(EffectiveMinTokenReuseTime, TimeSpan.Zero, nameof(MinTokenReuseTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroupTokens, 1, nameof(MaxGroupTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResponseBufferCapacity, 1, nameof(ResponseBufferCapacity));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestRepeats, nameof(RequestRepeats));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RepeatInterval, TimeSpan.Zero, nameof(RepeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(NStart, 1, nameof(NStart));
        ThrowIfNotPositive(ProbingRate, nameof(ProbingRate));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueuedRequestsPerGroup, nameof(MaxQueuedRequestsPerGroup));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestSize, 4 + 8, nameof(MaxRequestSize));
        _ = Exchanges.GroupParameterTable.Build(this);
    }

    internal static void ThrowIfNotPositive(double rate, string name)
    {
        if (!double.IsFinite(rate) || rate <= 0)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate must be a positive number of bytes per second.");
        }
    }
}
