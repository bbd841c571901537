namespace Coap;

/// <summary>How long a controller instance lives.</summary>
public enum ControllerLifetime
{
    /// <summary>A new instance, in a new service scope, for every request.</summary>
    PerRequest,

    /// <summary>One instance, built from the root services on first use.</summary>
    Singleton,
}
