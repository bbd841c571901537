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
}
