namespace Coap.Security.Oscore.Configuration;

/// <summary>A configured security context, read and checked: its name, derivation parameters and client URI patterns.</summary>
/// <param name="Name">The configured name (or its position when unnamed).</param>
/// <param name="Parameters">What the context is derived from.</param>
/// <param name="Uris">The request URIs it protects for a client; empty for a server-only context.</param>
internal sealed record OscoreConfiguredContext(string Name, OscoreContextParameters Parameters, IReadOnlyList<OscoreUriPattern> Uris)
{
    /// <summary>The key-usage limits when configured for this context; null for the algorithm's.</summary>
    public State.OscoreKeyLimits? KeyLimits { get; init; }

    /// <summary>Whether this context protects requests to <paramref name="uri"/>.</summary>
    public bool Protects(Uri uri)
    {
        foreach (var pattern in Uris)
        {
            if (pattern.Matches(uri))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Parameters}";
}
