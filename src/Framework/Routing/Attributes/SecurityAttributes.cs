namespace Coap;

/// <summary>
/// The resource answers only requests protected with OSCORE (RFC 8613); an unprotected request gets 4.01
/// Unauthorized before anything of the action runs (no Observe registration, no binding). On a controller it
/// covers every action that does not say <see cref="AllowUnprotectedAttribute"/>; on the same action as
/// <see cref="AllowUnprotectedAttribute"/> it wins. Base classes and overridden methods pass it on.
/// The handler sees who protected the request in <see cref="CoapContext.Security"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class RequireOscoreAttribute : Attribute;

/// <summary>
/// The resource answers unprotected requests even where OSCORE is required by its controller's
/// <see cref="RequireOscoreAttribute"/> or by <see cref="CoapSecurityOptions.RequireOscore"/>. Protected requests are
/// served too. Base classes and overridden methods pass it on.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AllowUnprotectedAttribute : Attribute;
