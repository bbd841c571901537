namespace Coap.Analyzers;

/// <summary>
/// The categories of the COAPnnnn diagnostics, each tied to one ID range
/// (see DiagnosticCategoryAndIdRanges.txt, which the build and the tests both check).
/// </summary>
internal static class DiagnosticCategories
{
    /// <summary>COAP2001–COAP2999: actions that hurt the server (blocking, async void, …).</summary>
    public const string HandlerSafety = nameof(HandlerSafety);

    /// <summary>COAP3001–COAP3999: routes, templates, controller shape and binding attributes.</summary>
    public const string Routing = nameof(Routing);

    /// <summary>COAP4001–COAP4999: observable resources and link bindings ([Observable], [Binding], notifiers).</summary>
    public const string Observation = nameof(Observation);
}
