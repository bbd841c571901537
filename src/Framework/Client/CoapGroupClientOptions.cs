namespace Coap;

/// <summary>
/// Settings for group requests (<see cref="CoapClient.SendToGroupAsync(CoapRequest, TimeSpan, CancellationToken)"/>,
/// draft-ietf-core-groupcomm-bis §3.1.5): how long a group request's token stays unusable after the request ends,
/// and the bounds on what a group request holds.
/// </summary>
public sealed class CoapGroupClientOptions
{
    /// <summary>NON_LIFETIME + MAX_LATENCY with the default transmission parameters, rounded up as the draft does (§3.1.5).</summary>
    private static readonly TimeSpan TokenReuseBase = TimeSpan.FromSeconds(250);

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

    /// <summary>The pause before each repeat (<see cref="RequestRepeats"/>). Default 1 s; it should exceed the members' Leisure.</summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromSeconds(1);

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
    }
}
