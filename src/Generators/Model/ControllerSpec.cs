using Coap.Generators.Helpers;

namespace Coap.Generators.Model;

/// <summary>One <c>[CoapController]</c> class and its usable actions.</summary>
/// <remarks>
/// The caching contract: this record, and everything it holds, compares by value and holds
/// no <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c> or <c>Compilation</c>. An edit that does
/// not change any of these values leaves the pipeline's later steps cached.
/// </remarks>
internal sealed record ControllerSpec
{
    /// <summary>The type, fully qualified: <c>global::App.SensorsController</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>The name shown in route lists: "SensorsController" (nested: "Outer.Inner").</summary>
    public required string DisplayName { get; init; }

    /// <summary>The prefix, with no leading or trailing '/'.</summary>
    public required string Prefix { get; init; }

    public required ControllerLifetimeKind Lifetime { get; init; }

    /// <summary>The chosen constructor's parameters, resolved from the services.</summary>
    public required EquatableArray<ServiceDependencySpec> ConstructorParameters { get; init; }

    public required EquatableArray<ActionSpec> Actions { get; init; }
}
