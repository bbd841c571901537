using Coap;
using Microsoft.Extensions.DependencyInjection;

namespace Company.CoapServer1.Tests;

/// <summary>Runs the application in-process on a free UDP port and calls it with a <see cref="CoapClient"/>.</summary>
public sealed class TimeControllerTests
{
    [Fact]
    public async Task GetTimeAnswersContentWithTheTime()
    {
        await using var app = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]).Build();
        app.MapControllers();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<CoapClient>();

        var response = await client.GetAsync($"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/time");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Matches(@"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}$", response.GetPayloadAsString());
        await app.StopAsync();
    }

    [Fact]
    public async Task GetHelloGreetsTheNameInThePath()
    {
        await using var app = CoapApplication.CreateBuilder(["--urls", "coap://127.0.0.1:0"]).Build();
        app.MapControllers();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<CoapClient>();

        var response = await client.GetAsync($"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/hello/coap");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal("Hello, coap!", response.GetPayloadAsString());
        await app.StopAsync();
    }
}
