namespace Coap.Generators.Tests.Infrastructure;

/// <summary>Sources/BehaviourApp.cs compiled, loaded and served once for all behaviour tests.</summary>
public sealed class BehaviourAppFixture : IAsyncLifetime
{
    private CompiledApp? _app;

    internal CompiledApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("BehaviourApp"));

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
