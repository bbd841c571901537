namespace Coap.Generators.Model;

/// <summary>One segment of a route's full template (controller prefix and action template joined).</summary>
/// <remarks>Like every spec: strings and enums only, compared by value, so the pipeline can cache it.</remarks>
internal sealed record RouteSegmentSpec
{
    public required SegmentKind Kind { get; init; }

    /// <summary>The literal text, or the parameter's name.</summary>
    public required string Value { get; init; }

    /// <summary>The constraint of a parameter (<c>int</c>, <c>long</c>, <c>guid</c>, <c>double</c>, <c>bool</c>), or empty.</summary>
    public string Constraint { get; init; } = "";
}
