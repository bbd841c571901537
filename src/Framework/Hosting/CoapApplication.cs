using System.Net;
using Coap.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coap;

/// <summary>
/// A CoAP application: the host with its services, configuration and logging, and the server
/// that runs its router. Create one with <see cref="CreateBuilder"/>, map controllers, run.
/// <code>
/// var builder = CoapApplication.CreateBuilder(args);
/// var app = builder.Build();
/// app.MapControllers();
/// app.Run();
/// </code>
/// </summary>
public sealed class CoapApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;

    internal CoapApplication(IHost host)
    {
        _host = host;
        Logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Coap.Application");
    }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The configuration.</summary>
    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    /// <summary>The application's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Start and stop notifications.</summary>
    public IHostApplicationLifetime Lifetime => Services.GetRequiredService<IHostApplicationLifetime>();

    /// <summary>The bound endpoints, with actual ports, once started.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints =>
        Services.GetServices<IHostedService>().OfType<CoapServerHostedService>().FirstOrDefault()?.LocalEndPoints ?? [];

    /// <summary>
    /// The Binding Table (draft-ietf-core-dynlink §5). It is served at <see cref="CoapBindingOptions.Path"/> and
    /// carried out while the host runs when the mapped router has <c>[Binding]</c> actions.
    /// </summary>
    public CoapBindings Bindings => Services.GetRequiredService<CoapBindings>();

    /// <summary>Creates a builder; <paramref name="args"/> may carry <c>--urls coap://127.0.0.1:5690</c> and other configuration.</summary>
    public static CoapApplicationBuilder CreateBuilder(string[]? args = null) => new(args ?? []);

    /// <summary>
    /// Serves requests with a router (the generated <c>MapControllers</c> calls this). When a route has
    /// <c>[Binding]</c>, the application also serves the Binding Table (<see cref="Bindings"/>), lists it in
    /// /.well-known/core as <c>rt=core.bnd</c>, and runs its entries once started.
    /// </summary>
    public CoapApplication MapRouter(ICoapRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return MapHandler(Bindings.Attach(router));
    }

    /// <summary>Serves requests with a hand-written handler.</summary>
    public CoapApplication MapHandler(ICoapRequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.GetRequiredService<CoapHandlerSlot>().Handler = handler;
        return this;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Runs until shutdown is requested (Ctrl+C, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => HostingAbstractionsHostExtensions.RunAsync(_host, cancellationToken);

    /// <summary>Runs until shutdown is requested.</summary>
    public void Run() => HostingAbstractionsHostExtensions.Run(_host);

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host is IAsyncDisposable asyncDisposable ? asyncDisposable.DisposeAsync() : ValueTask.CompletedTask;
}
