namespace Coap;

/// <summary>
/// Settings of link bindings (draft-ietf-core-dynlink §4–5), read from <c>Coap:Bindings:*</c>. They apply
/// when the mapped router has <c>[Binding]</c> actions: the application then serves a Binding Table and
/// runs its entries while the host runs.
/// </summary>
/// <remarks>
/// The table lives in memory only (B6): it starts empty at every start, and an application that wants
/// bindings to survive a restart stores the table itself and writes it back with
/// <see cref="CoapBindings.TryReplace"/>.
/// </remarks>
public sealed class CoapBindingOptions
{
    /// <summary>The default <see cref="Path"/>, as in the draft's examples.</summary>
    public const string DefaultPath = "/bnd/";

    /// <summary>The default <see cref="MaxBindings"/>.</summary>
    public const int DefaultMaxBindings = 64;

    /// <summary>The default <see cref="PollInterval"/>: one minute.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    /// <summary>The Binding Table's path (<c>Coap:Bindings:Path</c>), advertised as <c>rt=core.bnd</c> in /.well-known/core. Default <c>/bnd/</c>.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>The most entries the table holds (<c>Coap:Bindings:MaxBindings</c>); a longer table is refused with 4.00. Default 64.</summary>
    public int MaxBindings { get; set; } = DefaultMaxBindings;

    /// <summary>How often a <c>poll</c> binding without pmin and pmax reads its source (<c>Coap:Bindings:PollInterval</c>). Default one minute.</summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Path is null || Path.Length < 2 || Path[0] != '/' || Path.StartsWith("//", StringComparison.Ordinal)
            || Path.IndexOfAny(['?', '#', ' ']) >= 0)
        {
            throw new ArgumentException($"Path '{Path}' must be an absolute path with at least one segment, such as /bnd/, without query or fragment.", nameof(Path));
        }

        if (Path.TrimEnd('/') == "/.well-known/core")
        {
            throw new ArgumentException("Path must not be /.well-known/core.", nameof(Path));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBindings, 1, nameof(MaxBindings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
    }
}
