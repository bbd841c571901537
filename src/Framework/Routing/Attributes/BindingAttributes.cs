namespace Coap;


/// <summary>Binds a parameter from a route value (the default for names that appear in the template).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromRouteAttribute : Attribute
{
    /// <summary>The route parameter name, when it differs from the parameter's.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a parameter from a Uri-Query option "name=value".</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromQueryAttribute : Attribute
{
    /// <summary>The query parameter name, when it differs from the parameter's.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a parameter from the request payload, decoded according to its Content-Format.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromPayloadAttribute : Attribute;

/// <summary>Binds a parameter from the application's services.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromServicesAttribute : Attribute;
