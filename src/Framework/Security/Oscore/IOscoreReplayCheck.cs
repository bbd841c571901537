namespace Coap.Security.Oscore;

/// <summary>
/// The replay hook (RFC 8613 §7.4): consulted only after a request has decrypted, so forged
/// messages cannot move the window. The implementation (a sliding window per Recipient Context,
/// in <c>State/</c>) must check and update atomically.
/// </summary>
internal interface IOscoreReplayCheck
{
    /// <summary>True to accept the Partial IV (and record it); false when it was seen before or is too old.</summary>
    bool TryAccept(OscoreSecurityContext context, OscorePartialIv partialIv);
}
