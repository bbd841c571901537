using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.FunctionalTests.Bindings;

/// <summary>
/// A <see cref="CoapApplication"/> whose router has <c>[Binding]</c> routes (B1): it serves the Binding
/// Table, advertises it in /.well-known/core (LB-04) and runs its entries while the host runs.
/// </summary>
public sealed class BindingHostingTests
{
    private const string TableLink = "</bnd/>;rt=\"core.bnd\";ct=40";

    [Fact]
    public async Task WellKnownCore_ListsTheTable_FoundByRtCoreBnd()
    {
        await using var app = await StartAsync(new LightRouter());
        var client = app.Services.GetRequiredService<CoapClient>();

        var filtered = await client.GetAsync(Uri(app, "/.well-known/core?rt=core.bnd"));
        var whole = await client.GetAsync(Uri(app, "/.well-known/core"));

        Assert.Equal(CoapCode.Content, filtered.Code);
        Assert.Equal(CoapContentFormat.LinkFormat, filtered.ContentFormat);
        Assert.Equal(TableLink, filtered.GetPayloadAsString());
        Assert.Equal("</a/light>;rt=\"light\";ct=0;obs,</other>," + TableLink, whole.GetPayloadAsString());
        await app.StopAsync();
    }

    [Fact]
    public async Task PutTable_IsValidatedAgainstTheBindingRoutes()
    {
        await using var app = await StartAsync(new LightRouter());
        var client = app.Services.GetRequiredService<CoapClient>();
        const string Valid = "<coap://192.0.2.1/s/light>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10";

        var notBinding = await PutTableAsync(client, app, "/bnd/", "<coap://192.0.2.1/s>;rel=\"boundto\";anchor=\"/other\";bind=\"obs\"");
        var wrongRole = await PutTableAsync(client, app, "/bnd/", "</a/light>;rel=\"boundto\";anchor=\"coap://192.0.2.1/x\";bind=\"push\"");
        var valid = await PutTableAsync(client, app, "/bnd", Valid);
        var get = await client.GetAsync(Uri(app, "/bnd/"));

        Assert.Equal(CoapCode.BadRequest, notBinding.Code);
        Assert.Contains("/other is not a binding resource", notBinding.GetPayloadAsString(), StringComparison.Ordinal);
        Assert.Equal(CoapCode.BadRequest, wrongRole.Code);
        Assert.Equal(CoapCode.Changed, valid.Code);
        Assert.Equal(Valid, get.GetPayloadAsString());
        Assert.Equal(Valid, Assert.Single(app.Bindings.Entries).ToString());
        await app.StopAsync();
    }

    [Fact]
    public async Task ObsBinding_CopiesTheSourceIntoTheRouter_AndDeregistersWhenTheHostStops()
    {
        await using var source = new BindingPeer();
        await source.StartAsync();
        var router = new LightRouter();
        await using var app = await StartAsync(router);
        var client = app.Services.GetRequiredService<CoapClient>();

        var put = await PutTableAsync(client, app, "/bnd/", $"<{source.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"");

        Assert.Equal(CoapCode.Changed, put.Code);
        Assert.Equal("10", await router.NextPutAsync());
        source.SetValue("20");
        Assert.Equal("20", await router.NextPutAsync());

        await app.StopAsync();
        await BindingPeer.EventuallyAsync(() => source.ObserverCount == 0, "the deregistration at shutdown");
    }

    [Fact]
    public async Task ProgrammaticTable_WrittenBeforeStart_RunsOnceStarted()
    {
        await using var source = new BindingPeer();
        await source.StartAsync();
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        await using var app = builder.Build();
        var router = new LightRouter();
        app.MapRouter(router);

        Assert.True(app.Bindings.TryReplace($"<{source.Uri(BindingPeer.SourcePath)}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"poll\";pmax=0.2", out var error), error);
        Assert.False(app.Bindings.TryReplace("<coap://192.0.2.1/s>;rel=\"boundto\";anchor=\"/a/light\"", out error));
        Assert.Contains("bind", error, StringComparison.Ordinal);
        await app.StartAsync();

        Assert.Equal("10", await router.NextPutAsync());
        Assert.Equal("10", await router.NextPutAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Configuration_SetsThePathAndTheLimit()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Configuration["Coap:Bindings:Path"] = "/links/";
        builder.Configuration["Coap:Bindings:MaxBindings"] = "1";
        builder.Configuration["Coap:Bindings:PollInterval"] = "00:00:05";
        await using var app = builder.Build();
        app.MapRouter(new LightRouter());
        await app.StartAsync();
        var client = app.Services.GetRequiredService<CoapClient>();
        const string One = "<coap://192.0.2.1/s/1>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";
        const string Two = "<coap://192.0.2.1/s/2>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";

        var discovery = await client.GetAsync(Uri(app, "/.well-known/core?rt=core.bnd"));
        var tooMany = await PutTableAsync(client, app, "/links/", One + "," + Two);
        var one = await PutTableAsync(client, app, "/links/", One);
        var oldPath = await client.GetAsync(Uri(app, "/bnd/"));

        Assert.Equal("</links/>;rt=\"core.bnd\";ct=40", discovery.GetPayloadAsString());
        Assert.Equal(CoapCode.BadRequest, tooMany.Code);
        Assert.Contains("Too many bindings", tooMany.GetPayloadAsString(), StringComparison.Ordinal);
        Assert.Equal(CoapCode.Changed, one.Code);
        Assert.Equal(CoapCode.NotFound, oldPath.Code);
        Assert.Equal("/links/", app.Bindings.Path);
        await app.StopAsync();
    }

    [Fact]
    public async Task RouterWithoutBindingRoutes_ServesNoTable()
    {
        await using var app = await StartAsync(new LightRouter(withBindings: false));
        var client = app.Services.GetRequiredService<CoapClient>();

        var table = await client.GetAsync(Uri(app, "/bnd/"));
        var discovery = await client.GetAsync(Uri(app, "/.well-known/core?rt=core.bnd"));

        Assert.Equal(CoapCode.NotFound, table.Code);
        Assert.True(discovery.Payload.IsEmpty);
        Assert.False(app.Bindings.TryReplace("<coap://192.0.2.1/s>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"", out _));
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Coap:Bindings:MaxBindings", "0", "MaxBindings")]
    [InlineData("Coap:Bindings:Path", "bnd", "Path")]
    [InlineData("Coap:Bindings:PollInterval", "00:00:00", "PollInterval")]
    public async Task InvalidSetting_FailsStart_NamingIt(string key, string value, string name)
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Configuration[key] = value;
        await using var app = builder.Build();
        app.MapHandler(TestUtilities.EchoHandler.Create());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("Coap:Bindings", error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSetting_FailsStart()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Configuration["Coap:Bindings:MaxBinding"] = "3";
        await using var app = builder.Build();
        app.MapHandler(TestUtilities.EchoHandler.Create());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("MaxBinding", error.Message, StringComparison.Ordinal);
    }

    private static async Task<CoapApplication> StartAsync(LightRouter router)
    {
        var app = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]).Build();
        app.MapRouter(router);
        await app.StartAsync();
        return app;
    }

    private static string Uri(CoapApplication app, string pathAndQuery) => $"coap://127.0.0.1:{app.LocalEndPoints[0].Port}{pathAndQuery}";

    private static Task<CoapResponse> PutTableAsync(CoapClient client, CoapApplication app, string path, string table) =>
        client.SendAsync(CoapRequest.Put(Uri(app, path)).WithPayload(Encoding.UTF8.GetBytes(table), CoapContentFormat.LinkFormat));
}
