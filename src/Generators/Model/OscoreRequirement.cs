namespace Coap.Generators.Model;

/// <summary>
/// What an action asks of a request's protection; the member names are those of the framework's
/// <c>Coap.Routing.CoapOscoreRequirement</c>, which the emitter writes.
/// </summary>
internal enum OscoreRequirement
{
    /// <summary>No attribute: the server's global policy decides at run time.</summary>
    Default,

    /// <summary><c>[RequireOscore]</c> on the action, or on its controller without <c>[AllowUnprotected]</c> on the action.</summary>
    Required,

    /// <summary><c>[AllowUnprotected]</c> on the action, or on its controller, with no <c>[RequireOscore]</c> on the action.</summary>
    Allowed,
}
