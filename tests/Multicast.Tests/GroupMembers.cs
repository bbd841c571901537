using Coap.TestUtilities;

namespace Coap.MulticastTests;

/// <summary>Our servers as members of the IPv4 group 224.0.1.187 (all CoAP nodes), one per loopback address, disposed together.</summary>
internal sealed class GroupMembers : IAsyncDisposable
{
    public static readonly string[] LoopbackAddresses = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];

    private GroupMembers(IReadOnlyList<CoapServer> servers) => Servers = servers;

    public IReadOnlyList<CoapServer> Servers { get; }

    /// <summary>
    /// Starts one server on port 5683 of each address with <c>Coap:Groups</c> naming 224.0.1.187 on lo, a short
    /// Leisure, and the handler <paramref name="handlerFor"/> builds for that address.
    /// </summary>
    public static async Task<GroupMembers> StartAsync(
        Func<string, ICoapRequestHandler> handlerFor, Action<CoapServerOptions>? configure = null, IEnumerable<string>? addresses = null)
    {
        var servers = new List<CoapServer>();
        var members = new GroupMembers(servers);
        try
        {
            foreach (var address in addresses ?? LoopbackAddresses)
            {
                var options = new CoapServerOptions { Endpoints = { $"coap://{address}:5683" } };
                options.Groups.Leisure = TimeSpan.FromMilliseconds(100);
                options.Groups.Members["all-coap-nodes"] = new CoapGroupEntry { Uri = "coap://224.0.1.187", Interfaces = { "lo" } };
                configure?.Invoke(options);
                var server = new CoapServer(handlerFor(address), options);
                servers.Add(server);
                await server.StartAsync();
            }
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }

        return members;
    }

    /// <summary>Servers whose handler answers every request with <c>member &lt;address&gt;</c>.</summary>
    public static Task<GroupMembers> StartNamedAsync(Action<CoapServerOptions>? configure = null) =>
        StartAsync(address => DelegateHandler.Sync(c => c.Response.WritePayload($"member {address}")), configure);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }
    }
}
