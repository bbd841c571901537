using System.Net.Sockets;
using Coap.Generated;
using Coap.Interop.Tests.Infrastructure;
using Coap.Interop.Tests.Routing.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Routing;

/// <summary>
/// A real <see cref="CoapServer"/> whose handler is the source-generated
/// <see cref="CoapGeneratedRouter"/> for the controllers of this assembly, listening on
/// coap://127.0.0.1:0 and coap://[::1]:0. One per test class: the classes run in parallel,
/// and each has its own services (and so its own <see cref="SensorConfigStore"/>).
/// </summary>
public class RoutingServerFixture : IAsyncLifetime
{
    private ServiceProvider? _services;
    private CoapServer? _server;

    internal RecordingLoggerFactory Logs { get; } = new(LogLevel.Warning);

    public CoapGeneratedRouter Router { get; private set; } = null!;

    public SensorConfigStore Store => _services!.GetRequiredService<SensorConfigStore>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<SensorConfigStore>();
        ConfigureServices(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Router = new CoapGeneratedRouter(_services);
        var options = new CoapServerOptions();
        options.Endpoints.Add($"coap://{Loopback.V4}:0");
        options.Endpoints.Add($"coap://{Loopback.V6}:0");
        _server = new CoapServer(Router, options, Logs);
        await _server.StartAsync();
    }

    /// <summary>A URI for this server at <c>127.0.0.1</c> or <c>[::1]</c>, with the port of that endpoint.</summary>
    public string Uri(string host, string pathAndQuery)
    {
        var family = host == Loopback.V6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var port = _server!.LocalEndPoints.Single(e => e.AddressFamily == family).Port;
        return $"coap://{host}:{port}{pathAndQuery}";
    }

    /// <summary>Adds services beyond the <see cref="SensorConfigStore"/> every fixture has.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
