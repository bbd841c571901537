namespace Coap.Generators.Model;

/// <summary>
/// One named argument of a feature attribute, e.g. <c>[Binding(MinPeriod = 5)]</c> gives
/// ("Binding", "MinPeriod", "5"). Values are invariant C# literal text.
/// </summary>
internal sealed record FeatureParameterSpec
{
    public required string Feature { get; init; }

    public required string Name { get; init; }

    public required string Value { get; init; }
}
