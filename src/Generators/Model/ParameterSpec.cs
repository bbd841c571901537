namespace Coap.Generators.Model;

/// <summary>One action parameter and how the generated thunk binds it.</summary>
/// <remarks>Strings and enums only: type names are fully qualified C# text, never symbols.</remarks>
internal sealed record ParameterSpec
{
    /// <summary>The C# parameter name, as written in diagnostics and 4.00 payloads.</summary>
    public required string Name { get; init; }

    public required ParameterSource Source { get; init; }

    public required ValueKind ValueKind { get; init; }

    /// <summary>The declared type, fully qualified, e.g. <c>global::System.Guid?</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>The type parsed into: the declared type without <c>Nullable&lt;&gt;</c> or <c>?</c>.</summary>
    public required string ValueTypeName { get; init; }

    /// <summary>The route value or query parameter name (route: as written in the template).</summary>
    public string Key { get; init; } = "";

    /// <summary>The route segment index (first segment of a catch-all); -1 otherwise.</summary>
    public int SegmentIndex { get; init; } = -1;

    /// <summary>Whether a missing value binds as null.</summary>
    public bool IsNullable { get; init; }

    /// <summary>Whether the declared type is a value type (JSON payloads: no null check).</summary>
    public bool IsValueType { get; init; }

    /// <summary>The C# expression of the parameter's default value, or null when it has none.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Body parameters (PipeReader, Stream): read <c>context.BodyReader</c>, which the framework has, instead of wrapping the payload.</summary>
    public bool UsesBodyReader { get; init; }
}
