namespace Coap.Generators.Model;

/// <summary>What the compilation references: whether a router can be generated at all, and hosting.</summary>
internal sealed record CompilationFeatures
{
    /// <summary>Coap.Framework's routing contract is referenced (otherwise nothing is generated).</summary>
    public required bool HasRouting { get; init; }

    /// <summary><c>Coap.CoapApplication</c> with <c>MapRouter</c> is referenced.</summary>
    public required bool HasApplication { get; init; }
}
