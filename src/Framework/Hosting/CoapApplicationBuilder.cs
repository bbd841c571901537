using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coap;

/// <summary>
/// Builds a <see cref="CoapApplication"/>, like ASP.NET Core's <c>WebApplicationBuilder</c>: services,
/// configuration (appsettings.json, environment, command line), logging and the environment.
/// </summary>
public sealed class CoapApplicationBuilder
{
    /// <summary>The configuration section the server reads.</summary>
    public const string ConfigurationSection = "Coap";

    private readonly HostApplicationBuilder _host;

    internal CoapApplicationBuilder(string[] args)
    {
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        AddCoreServices(_host.Services, _host.Configuration);
    }

    /// <summary>The services.</summary>
    public IServiceCollection Services => _host.Services;

    /// <summary>The configuration.</summary>
    public ConfigurationManager Configuration => _host.Configuration;

    /// <summary>The logging setup.</summary>
    public ILoggingBuilder Logging => _host.Logging;

    /// <summary>The hosting environment.</summary>
    public IHostEnvironment Environment => _host.Environment;

    /// <summary>Builds the application.</summary>
    public CoapApplication Build() => new(_host.Build());

    private static void AddCoreServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CoapServerOptions>()
            .Configure(options => CoapServerOptionsBinder.Bind(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoapServerOptions>, CoapServerOptionsValidator>();
        services.AddSingleton<CoapHandlerSlot>();
        services.TryAddSingleton(provider => new CoapObservations(
            provider.GetRequiredService<IOptions<CoapServerOptions>>().Value.Observe,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(typeof(ICoapNotifier<>), typeof(Observe.CoapNotifier<>));
        services.AddOptions<CoapBindingOptions>()
            .Configure(options => CoapServerOptionsBinder.BindBindings(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoapBindingOptions>, CoapBindingOptionsValidator>();
        services.TryAddSingleton(provider => new CoapBindings(provider.GetRequiredService<IOptions<CoapBindingOptions>>().Value));
        services.AddHostedService<CoapServerHostedService>();
        services.AddOptions<CoapClientOptions>();
        services.TryAddSingleton(provider => new CoapClient(
            provider.GetRequiredService<IOptions<CoapClientOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IMeterFactory>()));
    }
}
