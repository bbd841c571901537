using System.Reflection;
using System.Runtime.Loader;
using Coap.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.Generators.Tests.Infrastructure;

/// <summary>
/// A test application compiled with its generated router into a collectible load context,
/// served by a real <see cref="CoapServer"/> on loopback UDP and called with a real <see cref="CoapClient"/>.
/// The source may define <c>App.Startup.ConfigureServices(IServiceCollection)</c> to register services.
/// </summary>
internal sealed class CompiledApp : IAsyncDisposable
{
    private readonly AssemblyLoadContext _loadContext;
    private readonly ServiceProvider _services;
    private readonly CoapServer _server;

    private CompiledApp(AssemblyLoadContext loadContext, Assembly assembly, ServiceProvider services, ICoapRouter router, CoapServer server, CoapClient client)
    {
        _loadContext = loadContext;
        Assembly = assembly;
        _services = services;
        Router = router;
        _server = server;
        Client = client;
    }

    public Assembly Assembly { get; }

    public ICoapRouter Router { get; }

    public CoapClient Client { get; }

    public int Port => _server.LocalEndPoints[0].Port;

    /// <summary>The server's observers (<c>[Observable]</c> actions).</summary>
    public CoapObservations Observations => _server.Observations;

    public static async Task<CompiledApp> StartAsync(string source)
    {
        var run = GeneratorHarness.Run(source).AssertCompilesCleanly();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        var loadContext = new AssemblyLoadContext("Coap.Generators.Tests.App", isCollectible: true);
        var assembly = loadContext.LoadFromStream(image);
        var collection = new ServiceCollection();
        assembly.GetType("App.Startup")?.GetMethod("ConfigureServices")?.Invoke(null, [collection]);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var routerType = assembly.GetType("Coap.Generated.CoapGeneratedRouter", throwOnError: true)!;
        var router = (ICoapRouter)Activator.CreateInstance(routerType, [services])!;

        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        var server = new CoapServer(router, options);
        await server.StartAsync();
        return new CompiledApp(loadContext, assembly, services, router, server, new CoapClient());
    }

    public string Uri(string pathAndQuery) => $"coap://127.0.0.1:{Port}{pathAndQuery}";

    public Task<CoapResponse> GetAsync(string pathAndQuery) => SendAsync(CoapRequest.Get(Uri(pathAndQuery)));

    public async Task<CoapResponse> SendAsync(CoapRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.SendAsync(request, timeout.Token);
    }

    /// <summary>A static field of a type in the compiled app (counters the test sources keep).</summary>
    public T GetStatic<T>(string typeName, string fieldName) =>
        (T)Assembly.GetType(typeName, throwOnError: true)!.GetField(fieldName)!.GetValue(null)!;

    /// <summary>Sets a static field of a type in the compiled app.</summary>
    public void SetStatic(string typeName, string fieldName, object? value) =>
        Assembly.GetType(typeName, throwOnError: true)!.GetField(fieldName)!.SetValue(null, value);

    /// <summary>Calls a static method of a type in the compiled app.</summary>
    public void CallStatic(string typeName, string methodName) =>
        Assembly.GetType(typeName, throwOnError: true)!.GetMethod(methodName)!.Invoke(null, null);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _server.DisposeAsync();
        await _services.DisposeAsync();
        _loadContext.Unload();
    }
}
