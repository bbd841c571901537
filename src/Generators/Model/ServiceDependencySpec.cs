namespace Coap.Generators.Model;

/// <summary>A controller constructor parameter, resolved from the services.</summary>
internal sealed record ServiceDependencySpec
{
    /// <summary>The parameter type, fully qualified.</summary>
    public required string TypeName { get; init; }

    /// <summary>Optional (a reference type with a default value): resolved with GetService instead of GetRequiredService.</summary>
    public bool IsOptional { get; init; }

    /// <summary>For an optional parameter with a non-null default: its C# expression, used when the service is missing.</summary>
    public string? DefaultValue { get; init; }
}
