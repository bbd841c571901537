using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>[Observable] and [Binding] actions of a generated router, observed over real UDP.</summary>
public sealed class GeneratedRouterObserveTests
{
    [Fact]
    public async Task An_observable_action_registers_and_notifies()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var notifications = app.Client.ObserveAsync(app.Uri("/sensors/temp"), cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await notifications.MoveNextAsync());
        Assert.Equal("18.5", notifications.Current.GetPayloadAsString());
        Assert.NotNull(notifications.Current.Observe);
        Assert.Equal(1, app.Observations.GetObserverCount("/sensors/temp"));

        app.SetStatic("App.SensorsController", "Temperature", "21.0");
        app.Observations.Notify("/sensors/temp");
        Assert.True(await notifications.MoveNextAsync());
        Assert.Equal("21.0", notifications.Current.GetPayloadAsString());
    }

    [Fact]
    public async Task Binding_defaults_apply_to_registrations_and_the_query_overrides_them()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        var request = CoapRequest.Get(app.Uri("/sensors/humidity"));
        request.Options.Add(CoapOptionNumber.Observe, 0u);
        var response = await app.SendAsync(request);
        Assert.NotNull(response.Observe);

        // [Binding(MaxPeriod = 20)]: Max-Age is capped at pmax.
        Assert.Equal(20u, response.Options.GetUInt(CoapOptionNumber.MaxAge));

        var overridden = CoapRequest.Get(app.Uri("/sensors/humidity?c.pmax=10"));
        overridden.Options.Add(CoapOptionNumber.Observe, 0u);
        Assert.Equal(10u, (await app.SendAsync(overridden)).Options.GetUInt(CoapOptionNumber.MaxAge));
    }

    [Fact]
    public async Task Invalid_conditions_are_answered_4_00()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        var request = CoapRequest.Get(app.Uri("/sensors/temp?c.pmin=abc"));
        request.Options.Add(CoapOptionNumber.Observe, 0u);
        var response = await app.SendAsync(request);
        Assert.Equal(CoapCode.BadRequest, response.Code);
        Assert.Equal(0, app.Observations.Count);
    }

    [Fact]
    public async Task A_plain_get_of_an_observable_action_is_answered_without_observe()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        var response = await app.GetAsync("/sensors/7");
        Assert.Equal("reading 7", response.GetPayloadAsString());
        Assert.Null(response.Observe);
        Assert.Equal(0, app.Observations.Count);
    }

    [Fact]
    public async Task Generated_notify_methods_build_the_resource_path_from_route_values()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        app.CallStatic("App.RecordingNotifier", "NotifyAll");
        var paths = app.GetStatic<List<string>>("App.RecordingNotifier", "Paths");
        Assert.Equal(["/sensors/temp", "/sensors/humidity", "/sensors/42", "/sensors/files/a/b"], paths);
    }

    [Fact]
    public async Task Routes_describe_observable_and_binding_actions()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("ObservableRoutes"));
        var humidity = Assert.Single(app.Router.Routes, r => r.Template == "/sensors/humidity");
        Assert.True(humidity.IsObservable);
        Assert.Equal(20, humidity.Binding!.MaxPeriod);
        Assert.Equal(0.5, humidity.Binding.Step);
        var put = Assert.Single(app.Router.Routes, r => r.Method == CoapCode.Put);
        Assert.False(put.IsObservable);
        Assert.Null(put.Binding);
    }
}
