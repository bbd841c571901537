using Coap;
using Microsoft.Extensions.Configuration;

namespace OscorePlugtest.Client;

/// <summary>
/// What the client needs (section <c>Plugtest</c> of appsettings.json, overridable on the command line):
/// the server, the spec's client contexts A and C, where their sequence numbers persist, and limits.
/// </summary>
public sealed class PlugtestClientSettings
{
    /// <summary>The server under test, e.g. <c>coap://127.0.0.1:5683</c> (no trailing slash).</summary>
    public required string ServerUri { get; init; }

    /// <summary>Security Context A: the peer of the server's "b" (Sender ID empty, Recipient ID 01).</summary>
    public required CoapOscoreContextOptions ContextA { get; init; }

    /// <summary>Security Context C: A with the ID Context of the server's "d".</summary>
    public required CoapOscoreContextOptions ContextC { get; init; }

    /// <summary>
    /// Where A's and C's sender sequence numbers persist (RFC 8613 Appendix B.1.1), so running the client again
    /// against the same server does not look like a replay; null keeps them in memory.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>How long one case may take.</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An OSCORE-unaware server for test 16 (<c>Plugtest:UnawareServer</c>); the case is skipped without one.</summary>
    public string? UnawareServerUri { get; init; }

    /// <summary>Reads the settings; <paramref name="serverUri"/> comes from the command line.</summary>
    public static PlugtestClientSettings From(IConfiguration configuration, string serverUri)
    {
        var section = configuration.GetSection("Plugtest");
        return new PlugtestClientSettings
        {
            ServerUri = serverUri.TrimEnd('/'),
            ContextA = ReadContext(section, "A"),
            ContextC = ReadContext(section, "C"),
            StateDirectory = section["StateDirectory"] is { Length: > 0 } directory ? directory : null,
            CaseTimeout = section.GetValue("CaseTimeout", TimeSpan.FromSeconds(30)),
            UnawareServerUri = section["UnawareServer"] is { Length: > 0 } unaware ? unaware.TrimEnd('/') : null,
        };
    }

    private static CoapOscoreContextOptions ReadContext(IConfigurationSection plugtest, string name) =>
        plugtest.GetSection($"Contexts:{name}").Get<CoapOscoreContextOptions>()
            ?? throw new InvalidOperationException($"Plugtest:Contexts:{name} is missing from the configuration.");
}
