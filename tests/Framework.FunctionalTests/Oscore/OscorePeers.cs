using System.Net;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>
/// The RFC 8613 / plugtest context pair: the server holds "b" (Sender ID 01, Recipient ID empty), the client
/// its peer (Sender ID empty, Recipient ID 01), both with master secret 0102…10 and salt 9e7ca92223786340.
/// </summary>
internal static class OscorePeers
{
    public const string MasterSecret = "0102030405060708090a0b0c0d0e0f10";
    public const string MasterSalt = "9e7ca92223786340";

    public static CoapOscoreContextOptions Server(string name = "b", string? idContext = null) => new()
    {
        Name = name,
        MasterSecret = MasterSecret,
        MasterSalt = MasterSalt,
        SenderId = "01",
        RecipientId = "",
        IdContext = idContext,
    };

    public static CoapOscoreContextOptions Client(int port, string name = "a", string? idContext = null, string masterSecret = MasterSecret, string senderId = "") => new()
    {
        Name = name,
        MasterSecret = masterSecret,
        MasterSalt = MasterSalt,
        SenderId = senderId,
        RecipientId = "01",
        IdContext = idContext,
        Uris = { $"coap://127.0.0.1:{port}/*" },
    };

    /// <summary>Starts a server on an ephemeral loopback port with the given contexts.</summary>
    public static async Task<CoapServer> StartServerAsync(ICoapRequestHandler handler, Action<CoapSecurityOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        options.Security.Contexts.Add(Server());
        configure?.Invoke(options.Security);
        var server = new CoapServer(handler, options, timeProvider: time);
        await server.StartAsync();
        return server;
    }

    public static CoapClient CreateClient(Action<CoapSecurityOptions> configure, TimeProvider? time = null)
    {
        var options = new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) };
        configure(options.Security);
        return new CoapClient(options, timeProvider: time);
    }

    public static int Port(this CoapServer server) => server.LocalEndPoints[0].Port;

    /// <summary>A handler answering "Hello World!" and who protected the request.</summary>
    public static DelegateHandler Hello() => DelegateHandler.Sync(context =>
    {
        context.Response.Code = CoapCode.Content;
        context.Response.SetContentFormat(CoapContentFormat.TextPlain);
        context.Response.WritePayload($"Hello World! ({context.Security?.ContextName ?? "unprotected"})");
    });
}
