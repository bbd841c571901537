namespace Coap;

/// <summary>
/// Marks a class as a CoAP controller: its <c>[Get]</c>, <c>[Put]</c>, … methods become routes
/// under <paramref name="prefix"/>, compiled into the application's router by the source generator.
/// </summary>
/// <param name="prefix">The path prefix, e.g. "sensors"; empty for the root.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CoapControllerAttribute(string prefix = "") : Attribute
{
    /// <summary>The path prefix.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Per request (default) or one instance for the application's lifetime.</summary>
    public ControllerLifetime Lifetime { get; set; } = ControllerLifetime.PerRequest;
}
