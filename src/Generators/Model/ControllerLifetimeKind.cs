namespace Coap.Generators.Model;

/// <summary>Mirrors <c>Coap.ControllerLifetime</c>; the values match.</summary>
internal enum ControllerLifetimeKind
{
    PerRequest = 0,
    Singleton = 1,
}
