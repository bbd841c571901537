using Coap.Generators.Tests.Infrastructure;
using Coap.Routing;
using Coap.TestUtilities;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>
/// The generated router as an <see cref="ICoapTransferPolicy"/> (RFC 9177 §4.1; QB-01, QB-02; seeds §9.1 "Endpoint effect"):
/// FindQBlock answers the [QBlock] of the action HandleAsync would run, from method and path alone.
/// </summary>
public sealed class GeneratedRouterQBlockTests : IAsyncLifetime
{
    private CompiledApp _app = null!;

    private ICoapTransferPolicy Policy => Assert.IsAssignableFrom<ICoapTransferPolicy>(_app.Router);

    public async Task InitializeAsync() => _app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("QBlockRoutes"));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void HasQBlockRoutes_IsTrue_WhenAnActionHasQBlock() => Assert.True(Policy.HasQBlockRoutes);

    [Fact]
    public void FindQBlock_ReturnsTheActionsValues()
    {
        var upload = Policy.FindQBlock(TestContexts.Create(CoapCode.Put, "/firmware/latest"));

        Assert.NotNull(upload);
        Assert.Equal(20, upload.MaxPayloads);
        Assert.Equal(1000, upload.NonTimeoutMs);
        Assert.Equal(3000, upload.NonReceiveTimeoutMs);
        Assert.Equal(2, upload.NonMaxRetransmit);
        Assert.Equal(60, upload.NonPartialTimeoutSec);
        Assert.Equal(512, upload.PreferredBlockSize);
        Assert.False(upload.AllowNoSec);
    }

    [Fact]
    public void FindQBlock_UnsetValuesKeepTheAttributeDefaults()
    {
        var latest = Policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/firmware/latest"));

        Assert.NotNull(latest);
        Assert.True(latest.AllowNoSec);
        Assert.Equal(0, latest.MaxPayloads);
        Assert.Equal(-1, latest.NonMaxRetransmit);
    }

    [Fact]
    public void FindQBlock_ReturnsTheSameInstanceEveryTime_SoParametersCanBeCached()
    {
        var first = Policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/firmware/latest"));
        var second = Policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/firmware/latest"));

        Assert.Same(first, second);
        Assert.NotSame(first, Policy.FindQBlock(TestContexts.Create(CoapCode.Put, "/firmware/latest")));
    }

    [Theory]
    [InlineData("GET", "/firmware/latest/sha256")] // a route without [QBlock]
    [InlineData("DELETE", "/firmware/latest")] // no route for the method: 4.05
    [InlineData("GET", "/nothing/here")] // no route: 4.04
    [InlineData("GET", "/.well-known/core")]
    [InlineData("GET", "/firmware/beta")] // {name}, without [QBlock]
    [InlineData("GET", "/firmware/stable")] // a literal shadows {id:int} and {name}
    public void FindQBlock_IsNull_WhenTheActionHasNoQBlock(string method, string path) =>
        Assert.Null(Policy.FindQBlock(TestContexts.Create(Method(method), path)));

    [Fact]
    public void FindQBlock_FollowsConstraintsLikeTheRouter()
    {
        var byId = Policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/firmware/42"));

        Assert.NotNull(byId);
        Assert.Equal(256, byId.PreferredBlockSize);
        Assert.Null(Policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/firmware/x42")));
    }

    [Theory]
    [InlineData("/firmware/logs")]
    [InlineData("/firmware/logs/a/b/c")]
    public void FindQBlock_MatchesCatchAllRoutes(string path) =>
        Assert.NotNull(Policy.FindQBlock(TestContexts.Create(CoapCode.Post, path)));

    [Fact]
    public void RouteInfo_CarriesTheQBlockAttribute()
    {
        var upload = Assert.Single(_app.Router.Routes, r => r.Method == CoapCode.Put && r.Template == "/firmware/latest");
        var sha = Assert.Single(_app.Router.Routes, r => r.Template == "/firmware/latest/sha256");

        Assert.Equal(512, upload.QBlock?.PreferredBlockSize);
        Assert.Same(upload.QBlock, Policy.FindQBlock(TestContexts.Create(CoapCode.Put, "/firmware/latest")));
        Assert.Null(sha.QBlock);
    }

    [Fact]
    public async Task Routers_WithoutQBlock_HaveNoQBlockRoutes()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("LiteralRoutes"));
        var policy = Assert.IsAssignableFrom<ICoapTransferPolicy>(app.Router);

        Assert.False(policy.HasQBlockRoutes);
        Assert.Null(policy.FindQBlock(TestContexts.Create(CoapCode.Get, "/.well-known/core")));
    }

    [Fact]
    public async Task QBlockRoutes_StillHandleRequests()
    {
        Assert.Equal("image 7", (await _app.GetAsync("/firmware/7")).GetPayloadAsString());
        Assert.Equal("stable", (await _app.GetAsync("/firmware/stable")).GetPayloadAsString());
    }

    private static CoapCode Method(string name) => name switch
    {
        "GET" => CoapCode.Get,
        "POST" => CoapCode.Post,
        "PUT" => CoapCode.Put,
        "DELETE" => CoapCode.Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
