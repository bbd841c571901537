namespace Coap.Routing;

/// <summary>One route of a generated router.</summary>
/// <param name="Method">The method code.</param>
/// <param name="Template">The full template, e.g. "/sensors/temp/{id:int}".</param>
/// <param name="Handler">The controller and action, e.g. "SensorsController.Temperature".</param>
public sealed record CoapRouteInfo(CoapCode Method, string Template, string Handler)
{
    /// <summary>Whether the action is <c>[Observable]</c>.</summary>
    public bool IsObservable { get; init; }

    /// <summary>The action's <c>[Binding]</c>, when it takes part in link bindings.</summary>
    public BindingAttribute? Binding { get; init; }

    /// <summary>The action's <c>[QBlock]</c>, when its bodies are transferred with Q-Block (RFC 9177).</summary>
    public QBlockAttribute? QBlock { get; init; }
}
