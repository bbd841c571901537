using Coap.Security.Oscore.State;

namespace Coap.Security.Oscore;

/// <summary>
/// The recipient-side state hooks (RFC 8613 §7.4, draft-ietf-core-oscore-key-limits): the replay check is
/// consulted only after a request has decrypted, so forged messages cannot move the window, and must check and
/// update atomically; failed decryptions are reported so they count against the key's limit.
/// </summary>
internal interface IOscoreReplayCheck
{
    /// <summary>
    /// Accepts (and records) the Partial IV, or says why not. <see cref="ReplayCheckResult.WindowInvalid"/> makes
    /// the protector return <see cref="OscoreUnprotectResult.FreshnessRequired"/> with the request decrypted.
    /// </summary>
    ReplayCheckResult Accept(OscoreSecurityContext context, OscorePartialIv partialIv);

    /// <summary>A request under <paramref name="context"/> failed to decrypt.</summary>
    void DecryptionFailed(OscoreSecurityContext context);
}
