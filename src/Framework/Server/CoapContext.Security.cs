namespace Coap;

public sealed partial class CoapContext
{
    /// <summary>
    /// The OSCORE identity the request was protected with, or null when it came unprotected. When set, the
    /// options and payload the handler sees are the decrypted ones and the response is protected on its way out.
    /// </summary>
    public CoapSecurityIdentity? Security { get; internal set; }

    /// <summary>Whether resources without <see cref="RequireOscoreAttribute"/> or <see cref="AllowUnprotectedAttribute"/> require OSCORE (<see cref="CoapSecurityOptions.RequireOscore"/>).</summary>
    internal bool OscoreRequiredByDefault { get; set; }

    /// <summary>What the response is bound to when the request came protected (its context is null otherwise).</summary>
    internal Security.Oscore.OscoreRequestBinding OscoreBinding { get; set; }

    /// <summary>
    /// The Block1 option to echo outside the protection, when the protected request came in outer blocks
    /// (RFC 8613 §4.1.3.4.2); 0 when none.
    /// </summary>
    internal int OuterBlockEchoOption { get; set; }

    /// <summary>The value of <see cref="OuterBlockEchoOption"/>.</summary>
    internal uint OuterBlockEchoValue { get; set; }

    /// <summary>Loads the request's OSCORE state; called after <see cref="Initialize"/> for every request and notification.</summary>
    internal void SetSecurity(CoapSecurityIdentity? identity, in Security.Oscore.OscoreRequestBinding binding, bool requiredByDefault)
    {
        Security = identity;
        OscoreBinding = binding;
        OuterBlockEchoOption = 0;
        OuterBlockEchoValue = 0;
        OscoreRequiredByDefault = requiredByDefault;
    }
}
