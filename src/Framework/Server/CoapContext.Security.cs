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

    /// <summary>Loads the request's OSCORE state; called after <see cref="Initialize"/> for every request and notification.</summary>
    internal void SetSecurity(CoapSecurityIdentity? identity, in Security.Oscore.OscoreRequestBinding binding, bool requiredByDefault)
    {
        Security = identity;
        OscoreBinding = binding;
        OscoreRequiredByDefault = requiredByDefault;
    }
}
