using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>
/// [RequireOscore] and [AllowUnprotected] enforced by the generated router (Sources/OscoreRoutes.cs):
/// contexts marked protected or not are routed directly; the observable case goes over real UDP,
/// where no request is protected.
/// </summary>
public sealed class GeneratedRouterSecurityTests(GeneratedRouterSecurityTests.OscoreAppFixture fixture) : IClassFixture<GeneratedRouterSecurityTests.OscoreAppFixture>
{
    private CompiledApp App => fixture.App;

    private List<string> Ran => App.GetStatic<List<string>>("App.PlainController", "Ran");

    [Theory]
    [InlineData("/plain/required")]
    [InlineData("/plain/both")]
    [InlineData("/secure/unmarked")]
    [InlineData("/open/required")]
    [InlineData("/derived/unmarked")]
    public async Task Unprotected_request_to_a_required_action_is_refused_before_it_runs(string path)
    {
        Ran.Clear();
        var context = OscoreTestContexts.Get(path);

        await App.Router.HandleAsync(context);

        AssertUnauthorized(context);
        Assert.Empty(Ran);
    }

    [Theory]
    [InlineData("/plain/required")]
    [InlineData("/plain/both")]
    [InlineData("/secure/unmarked")]
    [InlineData("/open/required")]
    [InlineData("/derived/unmarked")]
    public async Task Protected_request_to_a_required_action_runs_it(string path)
    {
        Ran.Clear();
        var context = OscoreTestContexts.Get(path, isProtected: true, requiredByDefault: true);

        await App.Router.HandleAsync(context);

        Assert.Equal(CoapCode.Content, context.Response.Code);
        Assert.Equal([path.TrimStart('/')], Ran);
    }

    [Theory]
    [InlineData("/plain/allowed", false)]
    [InlineData("/plain/allowed", true)]
    [InlineData("/secure/open", false)]
    [InlineData("/secure/open", true)]
    [InlineData("/open/unmarked", false)]
    [InlineData("/open/unmarked", true)]
    [InlineData("/plain/default", false)]
    public async Task Unprotected_request_to_an_allowed_or_default_action_runs_it(string path, bool requiredByDefault)
    {
        Ran.Clear();
        var context = OscoreTestContexts.Get(path, requiredByDefault: requiredByDefault);

        await App.Router.HandleAsync(context);

        Assert.Equal(CoapCode.Content, context.Response.Code);
        Assert.Equal([path.TrimStart('/')], Ran);
    }

    [Fact]
    public async Task Default_action_follows_the_global_policy()
    {
        Ran.Clear();
        var unprotected = OscoreTestContexts.Get("/plain/default", requiredByDefault: true);
        var isProtected = OscoreTestContexts.Get("/plain/default", isProtected: true, requiredByDefault: true);

        await App.Router.HandleAsync(unprotected);
        await App.Router.HandleAsync(isProtected);

        AssertUnauthorized(unprotected);
        Assert.Equal(CoapCode.Content, isProtected.Response.Code);
        Assert.Equal(["plain/default"], Ran);
    }

    [Fact]
    public async Task Routing_errors_come_before_the_check()
    {
        var missing = OscoreTestContexts.Get("/secure/none", requiredByDefault: true);
        var wrongMethod = OscoreTestContexts.Create(CoapCode.Delete, "/plain/required", requiredByDefault: true);

        await App.Router.HandleAsync(missing);
        await App.Router.HandleAsync(wrongMethod);

        Assert.Equal(CoapCode.NotFound, missing.Response.Code);
        Assert.Equal(CoapCode.MethodNotAllowed, wrongMethod.Response.Code);
    }

    [Fact]
    public async Task Unprotected_observe_registration_of_a_required_action_is_refused_and_not_registered()
    {
        Ran.Clear();
        var request = CoapRequest.Get(App.Uri("/plain/observed"));
        request.Options.Add(CoapOptionNumber.Observe, 0u);

        var response = await App.SendAsync(request);

        Assert.Equal(CoapCode.Unauthorized, response.Code);
        Assert.Equal("OSCORE required", response.GetPayloadAsString());
        Assert.Null(response.Observe);
        Assert.Equal(0, App.Observations.Count);
        Assert.Empty(Ran);
    }

    private static void AssertUnauthorized(CoapContext context)
    {
        Assert.Equal(CoapCode.Unauthorized, context.Response.Code);
        Assert.True(context.Response.HasOption(CoapOptionNumber.ContentFormat));
        Assert.Equal("OSCORE required"u8.ToArray(), context.Response.Payload.ToArray());
    }

    /// <summary>Sources/OscoreRoutes.cs compiled, loaded and served once for the class.</summary>
    public sealed class OscoreAppFixture : IAsyncLifetime
    {
        private CompiledApp? _app;

        internal CompiledApp App => _app ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("OscoreRoutes"));

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
