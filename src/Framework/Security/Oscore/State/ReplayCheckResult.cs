namespace Coap.Security.Oscore.State;

/// <summary>What a <see cref="ReplayWindow"/> says about a received Partial IV (RFC 8613 §7.4).</summary>
internal enum ReplayCheckResult
{
    /// <summary>Not seen before and inside or above the window: the request may be processed.</summary>
    Accepted,

    /// <summary>Already received: a replay ("Replay detected", MAY 4.01).</summary>
    Duplicate,

    /// <summary>Older than the oldest value the window still tracks: treated as a replay.</summary>
    TooOld,

    /// <summary>
    /// The window is invalid (state lost after a restart, or dropped): no request is accepted until the
    /// window is re-initialised from a verified fresh request, e.g. with an Echo challenge (RFC 8613
    /// Appendix B.1.2, RFC 9175).
    /// </summary>
    WindowInvalid,

    /// <summary>Above 2^40 − 1: no valid sender uses it (RFC 8613 §7.2.1).</summary>
    OutOfRange,
}
