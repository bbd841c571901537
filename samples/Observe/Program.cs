using Coap;
using Microsoft.Extensions.DependencyInjection;
using ObserveSample;

// A server with an observable humidity sensor, and a client observing it with conditional
// attributes: at most one notification every 2 s, and only when the value moved by 1 point.
// --count N stops after N notifications; --urls coap://127.0.0.1:5691 picks the endpoint
// (the default is coap://[::]:5683).
var builder = CoapApplication.CreateBuilder(args);
builder.Services.AddSingleton<Hygrometer>();
builder.Services.AddHostedService<HygrometerSimulation>();
var app = builder.Build();
app.MapControllers();
await app.StartAsync();

var count = int.TryParse(app.Configuration["count"], out var n) ? n : int.MaxValue;
var uri = $"coap://127.0.0.1:{app.LocalEndPoints[0].Port}/sensors/humidity";
var options = new CoapObserveOptions { Conditions = new ConditionalAttributes { MinPeriod = 2, Step = 1 } };
Console.WriteLine($"Observing {uri}?{string.Join('&', options.Conditions.ToQuery())}");

var client = app.Services.GetRequiredService<CoapClient>();
var received = 0;
try
{
    // Leaving the loop deregisters (GET with Observe 1 and the same query).
    await foreach (var notification in client.ObserveAsync(uri, options, app.Lifetime.ApplicationStopping))
    {
        Console.WriteLine($"{DateTime.Now:HH:mm:ss}  {notification.GetPayloadAsString()} %  (Observe {notification.Observe})");
        if (++received >= count)
        {
            break;
        }
    }
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

await app.StopAsync();
