using System.Diagnostics.Metrics;
using System.Net;
using Coap.Diagnostics;
using Coap.Observe.Bindings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coap;

/// <summary>
/// Runs the <see cref="CoapServer"/> for the host: starts it with the mapped handler, drains it on shutdown.
/// With a Binding Table mapped, it also runs the <see cref="BindingEngine"/> between those two moments.
/// </summary>
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
    private BindingEngine? _bindingEngine;

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _server?.LocalEndPoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var handler = slot.Handler ?? throw new InvalidOperationException(
            "No request handler is mapped: call app.MapControllers() (or app.MapHandler(...)) before app.Run().");
        // The endpoint finds [QBlock] routes through the handler it is given, so the wrapper keeps the router's policy visible.
        ICoapRequestHandler served = handler is Routing.ICoapTransferPolicy policy
            ? new ServicesTransferHandler(handler, policy, services)
            : new ServicesHandler(handler, services);
        _server = new CoapServer(served, options.Value, loggerFactory, timeProvider, meterFactory, transportFactory: null, observations);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        if (handler is BindingRouter router && _server.LocalEndPoints.Count > 0)
        {
            StartBindingEngine(router);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Bindings first: their observations deregister while the server still answers.
        await StopBindingEngineAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBindingEngineAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void StartBindingEngine(BindingRouter router)
    {
        // The engine reaches local resources through the first endpoint, so it starts once the port is known.
        var bindings = services.GetRequiredService<CoapBindings>();
        var logger = loggerFactory.CreateLogger("Coap.Bindings");
        var localBase = BindingEngine.LocalBaseFor(_server!.LocalEndPoints[0]);
        _bindingEngine = new BindingEngine(
            router.Table.Table,
            bindings.Resolve,
            services.GetRequiredService<CoapClient>(),
            localBase,
            logger,
            timeProvider,
            bindings.Options.PollInterval);
        _bindingEngine.Start();
        CoapLog.BindingEngineStarted(logger, router.Table.Path, localBase);
    }

    private async Task StopBindingEngineAsync()
    {
        if (Interlocked.Exchange(ref _bindingEngine, null) is { } engine)
        {
            await engine.StopAsync().ConfigureAwait(false);
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

    /// <summary><see cref="ServicesHandler"/> for a handler that is also a transfer policy (a generated router).</summary>
    private sealed class ServicesTransferHandler(ICoapRequestHandler inner, Routing.ICoapTransferPolicy policy, IServiceProvider services)
        : ICoapRequestHandler, Routing.ICoapTransferPolicy
    {
        public bool HasQBlockRoutes => policy.HasQBlockRoutes;

        public QBlockAttribute? FindQBlock(CoapContext context) => policy.FindQBlock(context);

        public ValueTask HandleAsync(CoapContext context)
        {
            context.RequestServices ??= services;
            return inner.HandleAsync(context);
        }
    }
}
