using Coap.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>Our <see cref="CoapServer"/> running <see cref="EchoHandler"/> on a free dual-stack port, for one test.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private EchoServer(CoapServer server, DelegateHandler handler)
    {
        Server = server;
        Handler = handler;
    }

    public CoapServer Server { get; }

    /// <summary>The handler, to count the requests that reached it.</summary>
    public DelegateHandler Handler { get; }

    public int Port => Server.LocalEndPoints[0].Port;

    public static async Task<EchoServer> StartAsync(Action<CoapServerOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var handler = EchoHandler.Create();
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://[::]:0");
        configure?.Invoke(options);
        var server = new CoapServer(handler, options, loggerFactory);
        await server.StartAsync();
        return new EchoServer(server, handler);
    }

    /// <summary>A URI for this server at a loopback host such as <c>127.0.0.1</c> or <c>[::1]</c>.</summary>
    public string Uri(string host, string pathAndQuery) => $"coap://{host}:{Port}{pathAndQuery}";

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
