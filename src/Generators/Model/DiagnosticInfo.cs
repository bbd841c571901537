using Coap.Generators.Helpers;

namespace Coap.Generators.Model;

/// <summary>A diagnostic to report, as plain values (ID, location, message arguments), so it can flow through the pipeline.</summary>
internal sealed record DiagnosticInfo
{
    public required string Id { get; init; }

    public LocationInfo? Location { get; init; }

    public required EquatableArray<string> MessageArgs { get; init; }
}
