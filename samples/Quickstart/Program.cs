using Coap;
using Microsoft.Extensions.DependencyInjection;
using Quickstart;

// GET /time (observable: one notification a second), GET /sensors/temp, PUT /sensors/setpoint, GET /.well-known/core.
// Listens on coap://[::]:5683; --urls coap://127.0.0.1:5690 picks another endpoint.
// --multicast also joins All CoAP Nodes (224.0.1.187, ff02::fd): /time and /.well-known/core answer group requests.
var builder = CoapApplication.CreateBuilder(MulticastFlag.Expand(args));
builder.Services.AddSingleton<Thermometer>();
builder.Services.AddHostedService<TimeTicker>();
var app = builder.Build();
app.MapControllers();
app.Run();
