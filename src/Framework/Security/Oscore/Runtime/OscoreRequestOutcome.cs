namespace Coap.Security.Oscore.Runtime;

/// <summary>What the server does with a protected request.</summary>
internal enum OscoreRequestOutcome : byte
{
    /// <summary>Verified and fresh: serve the decrypted request.</summary>
    Verified,

    /// <summary>Not verified: answer with the unprotected error of RFC 8613 §8.2.</summary>
    Refused,

    /// <summary>Verified but not known fresh: answer with a protected 4.01 carrying a new Echo (Appendix B.1.2).</summary>
    EchoRequired,
}
