namespace Coap;

/// <summary>
/// OSCORE settings (<c>Coap:Security</c>): the security contexts, where their sender sequence numbers are kept
/// across restarts (RFC 8613 Appendix B.1.1), and the replay window size (§7.4).
/// </summary>
public sealed class CoapSecurityOptions
{
    /// <summary>The configured security contexts.</summary>
    public IList<CoapOscoreContextOptions> Contexts { get; } = [];

    /// <summary>
    /// The directory of the sequence number files; null keeps them in memory only, and then a context must not be
    /// used again with the same keys after a restart.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>Partial IVs each replay window tracks (RFC 8613 §7.4). Default 32; from 1 to 1024.</summary>
    public int ReplayWindowSize { get; set; } = 32;

    /// <summary>Sender sequence numbers reserved per write to the state directory (K of Appendix B.1.1). Default 64.</summary>
    public int SequenceNumberReserve { get; set; } = 64;

    /// <summary>
    /// The server's default: when true, every resource not marked <see cref="AllowUnprotectedAttribute"/> answers
    /// unprotected requests with 4.01, as if it carried <see cref="RequireOscoreAttribute"/>. Default false.
    /// </summary>
    public bool RequireOscore { get; set; }
}
