namespace Coap.Security.Oscore;

/// <summary>The error response RFC 8613 suggests for each failed verification (§7.4, §8.2); these responses go unprotected.</summary>
internal static class OscoreErrors
{
    /// <summary>The response code: 4.02, 4.01 or 4.00.</summary>
    public static CoapCode GetResponseCode(OscoreUnprotectResult result) => result switch
    {
        OscoreUnprotectResult.DecodeFailed => CoapCode.BadOption,
        OscoreUnprotectResult.ContextNotFound or OscoreUnprotectResult.Replayed => CoapCode.Unauthorized,
        OscoreUnprotectResult.DecryptionFailed => CoapCode.BadRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not an error."),
    };

    /// <summary>The diagnostic payload text.</summary>
    public static string GetDiagnostic(OscoreUnprotectResult result) => result switch
    {
        OscoreUnprotectResult.DecodeFailed => "Failed to decode COSE",
        OscoreUnprotectResult.ContextNotFound => "Security context not found",
        OscoreUnprotectResult.DecryptionFailed => "Decryption failed",
        OscoreUnprotectResult.Replayed => "Replay detected",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not an error."),
    };
}
