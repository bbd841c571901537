namespace Coap.Security.Oscore;

/// <summary>Finds the security context for a received request's kid and kid context (RFC 8613 §8.2 step 2).</summary>
internal interface IOscoreContextResolver
{
    /// <summary>The context whose Recipient ID is <paramref name="kid"/> (and ID Context <paramref name="kidContext"/> when given), or null.</summary>
    OscoreSecurityContext? Resolve(ReadOnlySpan<byte> kid, bool hasKidContext, ReadOnlySpan<byte> kidContext);
}
