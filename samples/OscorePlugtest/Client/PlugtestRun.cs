using Coap;

namespace OscorePlugtest.Client;

/// <summary>
/// The server under test and the clients the cases use. Each case makes its own clients and disposes them
/// before the next one starts: clients sharing a Sender ID then take their sequence numbers one after the
/// other from the state directory, and the server never sees one reused by accident.
/// </summary>
public sealed class PlugtestRun(PlugtestClientSettings settings)
{
    /// <summary>The settings the run uses.</summary>
    public PlugtestClientSettings Settings { get; } = settings;

    /// <summary>Context A aimed at the server.</summary>
    public CoapOscoreContextOptions ContextA => ContextVariants.For(Settings.ContextA, Settings.ServerUri);

    /// <summary>Context C aimed at the server.</summary>
    public CoapOscoreContextOptions ContextC => ContextVariants.For(Settings.ContextC, Settings.ServerUri);

    /// <summary>The server's URI for a path and query, e.g. <c>/oscore/hello/1</c>.</summary>
    public string Uri(string pathAndQuery) => Settings.ServerUri + pathAndQuery;

    /// <summary>A client without OSCORE.</summary>
    public static CoapClient PlainClient() => new();

    /// <summary>
    /// A client that protects its requests with <paramref name="context"/>. With <paramref name="persistent"/> its
    /// sequence numbers continue from the state directory; without, they start at 0 (a restarted sender).
    /// </summary>
    public CoapClient ProtectedClient(CoapOscoreContextOptions context, bool persistent = true)
    {
        var options = new CoapClientOptions();
        options.Security.Contexts.Add(context);
        options.Security.StateDirectory = persistent ? Settings.StateDirectory : null;
        return new CoapClient(options);
    }
}
