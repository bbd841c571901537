using System.Text;
using System.Threading.Channels;
using Coap.Interop.Tests.Routing.Controllers;
using Coap.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Coap.Interop.Tests.Routing;

/// <summary>
/// An application whose generated router has <c>[Binding]</c> actions (<see cref="LightController"/>): it
/// serves and advertises the Binding Table, validates it against those actions, and runs it, copying a
/// remote source into the controller (obs) and pushing the controller's changes to a remote destination.
/// </summary>
public sealed class GeneratedRouterBindingTests : IAsyncLifetime
{
    private readonly Channel<string> _pushed = Channel.CreateUnbounded<string>();
    private readonly CoapServer _peer;
    private CoapApplication _app = null!;
    private volatile string _sourceValue = "10";

    public GeneratedRouterBindingTests()
    {
        // The peer: an observable source /s/light, and a destination /r/light that records PUTs.
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        _peer = new CoapServer(DelegateHandler.Sync(HandlePeer), options);
    }

    private LightState Light => _app.Services.GetRequiredService<LightState>();

    private CoapClient Client => _app.Services.GetRequiredService<CoapClient>();

    public async Task InitializeAsync()
    {
        await _peer.StartAsync();
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Services.AddSingleton<LightState>();
        _app = builder.Build();
        _app.MapControllers();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task WellKnownCore_AdvertisesTheTable()
    {
        var response = await Client.GetAsync(AppUri("/.well-known/core?rt=core.bnd"));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal("</bnd/>;rt=\"core.bnd\";ct=40", response.GetPayloadAsString());
        Assert.Contains("</a/light>;obs", (await Client.GetAsync(AppUri("/.well-known/core"))).GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutTable_OnlyAcceptsTheBindingActions()
    {
        var refused = await PutTableAsync($"<{PeerUri("/s/light")}>;rel=\"boundto\";anchor=\"/sensors/temp\";bind=\"obs\"");
        var outOfRange = await PutTableAsync($"<{PeerUri("/s/light")}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmax=0.001");

        Assert.Equal(CoapCode.BadRequest, refused.Code);
        Assert.Contains("/sensors/temp is not a binding resource", refused.GetPayloadAsString(), StringComparison.Ordinal);

        // pmax below the action's default pmin (0.01).
        Assert.Equal(CoapCode.BadRequest, outOfRange.Code);
        Assert.Empty(_app.Bindings.Entries);
    }

    [Fact]
    public async Task ObsIntoTheController_AndPushOutOfIt()
    {
        var table =
            $"<{PeerUri("/s/light")}>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"," +
            $"</a/light>;rel=\"boundto\";anchor=\"{PeerUri("/r/light")}\";bind=\"push\"";

        Assert.Equal(CoapCode.Changed, (await PutTableAsync(table)).Code);

        // obs: the source's state, then its change, reach the controller's PUT action.
        Assert.Equal("10", await NextAsync(Light.Writes));
        await ObservedAsync("/a/light");
        _sourceValue = "20";
        _peer.Observations.Notify("/s/light");
        Assert.Equal("20", await NextAsync(Light.Writes));

        // push: the controller's notifier fires, and the change is PUT to the peer (10 may or may not
        // precede it, depending on whether the push observation registered before or after it arrived).
        var pushed = await NextAsync(_pushed);
        if (pushed == "10")
        {
            pushed = await NextAsync(_pushed);
        }

        Assert.Equal("20", pushed);
        Assert.Equal("20", Light.Value);
    }

    /// <summary>Waits until the push binding observes its local source, so the next change is pushed.</summary>
    private async Task ObservedAsync(string path)
    {
        var observations = _app.Services.GetRequiredService<CoapObservations>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (observations.GetObserverCount(path) == 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<string> NextAsync(Channel<string> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    private string AppUri(string pathAndQuery) => $"coap://127.0.0.1:{_app.LocalEndPoints[0].Port}{pathAndQuery}";

    private string PeerUri(string path) => $"coap://127.0.0.1:{_peer.LocalEndPoints[0].Port}{path}";

    private Task<CoapResponse> PutTableAsync(string table) =>
        Client.SendAsync(CoapRequest.Put(AppUri("/bnd/")).WithPayload(Encoding.UTF8.GetBytes(table), CoapContentFormat.LinkFormat));

    private void HandlePeer(CoapContext context)
    {
        var path = context.GetPath();
        if (path == "/s/light" && context.Method == CoapCode.Get)
        {
            if (context.EnableObserve())
            {
                context.Response.Code = CoapCode.Content;
                context.Response.SetContentFormat(CoapContentFormat.TextPlain);
                context.Response.WritePayload(_sourceValue.AsSpan());
            }
        }
        else if (path == "/r/light" && context.Method == CoapCode.Put)
        {
            _pushed.Writer.TryWrite(Encoding.UTF8.GetString(context.Payload.Span));
            context.Response.Code = CoapCode.Changed;
        }
        else
        {
            context.Response.Code = CoapCode.NotFound;
        }
    }
}
