using System.Net;
using System.Net.Sockets;
using Coap.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coap.FunctionalTests.Hosting;

public sealed class CoapApplicationTests
{
    [Fact]
    public async Task UrlsArgument_BindsTheEndpoint_AndTheMappedHandlerServes()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());
        await app.StartAsync();

        var endPoint = Assert.Single(app.LocalEndPoints);
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        var client = app.Services.GetRequiredService<CoapClient>();
        var response = await client.GetAsync($"coap://127.0.0.1:{endPoint.Port}/");

        Assert.Equal(CoapCode.Content, response.Code);
        await app.StopAsync();
    }

    [Fact]
    public async Task Configuration_SetsEndpointsAndLimits()
    {
        var builder = CoapApplication.CreateBuilder();
        builder.Configuration["Coap:Endpoints:0"] = "coap://127.0.0.1:0";
        builder.Configuration["Coap:Limits:MaxRequestPayloadSize"] = "10";
        builder.Configuration["Coap:Messaging:AckTimeout"] = "00:00:03";
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptions<CoapServerOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(3), options.Messaging.AckTimeout);
        var client = app.Services.GetRequiredService<CoapClient>();
        var response = await client.PostAsync($"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/echo", new byte[11]);

        Assert.Equal(CoapCode.RequestEntityTooLarge, response.Code);
        Assert.Equal(10u, response.Options.GetUInt(CoapOptionNumber.Size1));
        await app.StopAsync();
    }

    [Fact]
    public async Task UnparsableEndpoint_FailsStart_NamingTheSetting()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://not a url"]);
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Coap:Endpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidLimit_FailsStart_NamingTheSetting()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Configuration["Coap:Limits:NStart"] = "0";
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("NStart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSetting_FailsStart()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        builder.Configuration["Coap:Messaging:AckTimout"] = "00:00:01";
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("AckTimout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_FailsStart_NamingTheEndpoint()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        var builder = CoapApplication.CreateBuilder(["--urls", $"coap://127.0.0.1:{port}"]);
        await using var app = builder.Build();
        app.MapHandler(EchoHandler.Create());

        var error = await Assert.ThrowsAsync<CoapException>(() => app.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHandlerMapped_FailsStart_SayingWhatToCall()
    {
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("MapControllers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_FinishesInFlightRequests()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        await using var app = builder.Build();
        app.MapHandler(new DelegateHandler(async c =>
        {
            entered.SetResult();
            await release.Task;
            c.Response.WritePayload("finished"u8);
        }));
        await app.StartAsync();
        var client = app.Services.GetRequiredService<CoapClient>();

        var pending = client.GetAsync($"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = app.StopAsync();
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("finished", (await pending.WaitAsync(TimeSpan.FromSeconds(10))).GetPayloadAsString());
    }

    [Fact]
    public async Task RequestServices_AreTheApplicationsServices()
    {
        IServiceProvider? seen = null;
        var builder = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]);
        await using var app = builder.Build();
        app.MapHandler(DelegateHandler.Sync(c => seen = c.RequestServices));
        await app.StartAsync();

        await app.Services.GetRequiredService<CoapClient>().GetAsync($"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/");

        Assert.NotNull(seen);
        Assert.Same(app.Services.GetRequiredService<CoapClient>(), seen!.GetRequiredService<CoapClient>());
        await app.StopAsync();
    }
}
