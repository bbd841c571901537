using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coap;

/// <summary>Runs the <see cref="CoapServer"/> for the host: starts it with the mapped handler, drains it on shutdown.</summary>
internal sealed class CoapServerHostedService(
    CoapHandlerSlot slot,
    IOptions<CoapServerOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    CoapObservations observations,
    IServiceProvider services,
    IMeterFactory? meterFactory = null) : IHostedService, IAsyncDisposable
{
    private CoapServer? _server;

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _server?.LocalEndPoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var handler = slot.Handler ?? throw new InvalidOperationException(
            "No request handler is mapped: call app.MapControllers() (or app.MapHandler(...)) before app.Run().");
        _server = new CoapServer(new ServicesHandler(handler, services), options.Value, loggerFactory, timeProvider, meterFactory, transportFactory: null, observations);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Gives every request the application's services before the handler runs.</summary>
    private sealed class ServicesHandler(ICoapRequestHandler inner, IServiceProvider services) : ICoapRequestHandler
    {
        public ValueTask HandleAsync(CoapContext context)
        {
            context.RequestServices ??= services;
            return inner.HandleAsync(context);
        }
    }
}
