namespace Coap.Generators.Model;

/// <summary>Where a diagnostic points, as plain values: a copy of a source location that keeps no syntax tree alive.</summary>
internal sealed record LocationInfo
{
    public required string FilePath { get; init; }

    public required int Start { get; init; }

    public required int Length { get; init; }

    public required int StartLine { get; init; }

    public required int StartCharacter { get; init; }

    public required int EndLine { get; init; }

    public required int EndCharacter { get; init; }
}
