namespace Coap.Routing;

/// <summary>One route of a generated router.</summary>
/// <param name="Method">The method code.</param>
/// <param name="Template">The full template, e.g. "/sensors/temp/{id:int}".</param>
/// <param name="Handler">The controller and action, e.g. "SensorsController.Temperature".</param>
public sealed record CoapRouteInfo(CoapCode Method, string Template, string Handler);
