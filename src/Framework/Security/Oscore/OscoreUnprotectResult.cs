namespace Coap.Security.Oscore;

/// <summary>The outcome of verifying an OSCORE message (RFC 8613 §8.2, §8.4); see <see cref="OscoreErrors"/> for the error responses.</summary>
internal enum OscoreUnprotectResult : byte
{
    /// <summary>Decrypted and verified.</summary>
    Ok,

    /// <summary>The OSCORE option or the COSE object is malformed (4.02 "Failed to decode COSE").</summary>
    DecodeFailed,

    /// <summary>No security context for the kid / kid context (4.01 "Security context not found").</summary>
    ContextNotFound,

    /// <summary>The AEAD did not verify (4.00 "Decryption failed").</summary>
    DecryptionFailed,

    /// <summary>The replay check refused the Partial IV (4.01 "Replay detected").</summary>
    Replayed,

    /// <summary>
    /// Decrypted, but the replay window is not initialised (after a restart): the request is returned and must be
    /// served only when its inner Echo proves it fresh, else answered with a new Echo (RFC 8613 Appendix B.1.2).
    /// </summary>
    FreshnessRequired,
}
