using Coap.Generators.Helpers;

namespace Coap.Generators.Model;

/// <summary>What parsing one <c>[CoapController]</c> class gives: its spec (null when it cannot be used) and its diagnostics.</summary>
internal sealed record ParseResult
{
    public ControllerSpec? Controller { get; init; }

    public required EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
}
