namespace Coap.Security.Oscore;

/// <summary>
/// Decides whether a decoded OSCORE option fits the context it resolved to. RFC 8613 contexts
/// never accept the Group Flag (<see cref="OscoreGroupFlagPolicy"/>); Group OSCORE replaces this
/// one check. A refusal is a "Failed to decode COSE".
/// </summary>
internal interface IOscoreFlagPolicy
{
    /// <summary>Whether <paramref name="option"/> may be processed with <paramref name="context"/>.</summary>
    bool Accepts(in OscoreOptionValue option, OscoreSecurityContext context);
}
