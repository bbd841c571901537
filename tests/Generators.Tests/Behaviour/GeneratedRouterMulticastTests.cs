using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>[Multicast] enforced by the generated router (Sources/MulticastRoutes.cs), with contexts received on a group address.</summary>
public sealed class GeneratedRouterMulticastTests(GeneratedRouterMulticastTests.MulticastAppFixture fixture) : IClassFixture<GeneratedRouterMulticastTests.MulticastAppFixture>
{
    private CompiledApp App => fixture.App;

    private List<string> Ran => App.GetStatic<List<string>>("App.LampsController", "Ran");

    [Fact]
    public async Task GroupRequest_ToUnmarkedAction_RunsNothing_AndIsSilenced()
    {
        Ran.Clear();
        var context = MulticastTestContexts.Create(CoapCode.Get, "/lamps/plain");

        await App.Router.HandleAsync(context);

        Assert.Empty(Ran);
        Assert.True(MulticastTestContexts.IsSilenced(context));
    }

    [Fact]
    public async Task UnicastRequest_ToUnmarkedAction_Runs()
    {
        Ran.Clear();
        var context = OscoreTestContexts.Get("/lamps/plain");

        await App.Router.HandleAsync(context);

        Assert.Equal(["lamps/plain"], Ran);
        Assert.False(MulticastTestContexts.IsSilenced(context));
    }

    [Theory]
    [InlineData("/lamps/state", "lamps/state")]
    [InlineData("/group/all", "group/all")]
    [InlineData("/derived/item", "derived/item")]
    public async Task GroupRequest_ToOptedInAction_Runs(string path, string ran)
    {
        Ran.Clear();
        var context = MulticastTestContexts.Create(CoapCode.Get, path);

        await App.Router.HandleAsync(context);

        Assert.Equal([ran], Ran);
        Assert.Equal(CoapCode.Content, context.Response.Code);
        Assert.False(MulticastTestContexts.IsSilenced(context));
    }

    [Theory]
    [InlineData("/lamps/raw", true)]
    [InlineData("/quiet/own", true)]
    [InlineData("/quiet/delayed", false)]
    [InlineData("/lamps/state", false)]
    public async Task GroupRequest_ToActionWithoutDelays_TurnsTheLeisureOff(string path, bool withoutLeisure)
    {
        var context = MulticastTestContexts.Create(CoapCode.Get, path);

        await App.Router.HandleAsync(context);

        Assert.Equal(CoapCode.Content, context.Response.Code);
        Assert.Equal(withoutLeisure, MulticastTestContexts.IsWithoutLeisure(context));
    }

    [Fact]
    public async Task GroupRequest_ToWellKnownCore_IsAnswered()
    {
        var context = MulticastTestContexts.Create(CoapCode.Get, "/.well-known/core");

        await App.Router.HandleAsync(context);

        Assert.Equal(CoapCode.Content, context.Response.Code);
        Assert.False(MulticastTestContexts.IsSilenced(context));
    }

    [Fact]
    public async Task GroupRequest_ToUnknownPath_IsNotFound_WhichGroupSuppressionWithholds()
    {
        var context = MulticastTestContexts.Create(CoapCode.Get, "/nowhere");

        await App.Router.HandleAsync(context);

        Assert.Equal(CoapCode.NotFound, context.Response.Code);
    }

    public sealed class MulticastAppFixture : IAsyncLifetime
    {
        private CompiledApp? _app;

        internal CompiledApp App => _app ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("MulticastRoutes"));

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
