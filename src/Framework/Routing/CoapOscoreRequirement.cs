using System.ComponentModel;

namespace Coap.Routing;

/// <summary>
/// What an action asks of a request's protection, decided by the source generator from
/// <see cref="RequireOscoreAttribute"/> and <see cref="AllowUnprotectedAttribute"/> on the action and its controller.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum CoapOscoreRequirement
{
    /// <summary>Neither attribute applies: the server's <see cref="CoapSecurityOptions.RequireOscore"/> decides.</summary>
    Default,

    /// <summary><see cref="RequireOscoreAttribute"/>: only OSCORE-protected requests are served.</summary>
    Required,

    /// <summary><see cref="AllowUnprotectedAttribute"/>: unprotected requests are served too.</summary>
    Allowed,
}
