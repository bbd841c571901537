using Coap;
using Microsoft.Extensions.DependencyInjection;
using OscorePlugtest.Server;

// The server of the OSCORE interop tests (core-wg.github.io/oscore/test-spec5.html): the resources
// under /oscore, protected with the spec's contexts "b" and "d" from appsettings.json
// (Coap:Security). --urls coap://127.0.0.1:5690 picks the endpoint (the default is coap://[::]:5683);
// --Plugtest:NotificationInterval 00:00:00.2 shortens the 2 s between observe notifications.
var builder = CoapApplication.CreateBuilder(args);
builder.Services.AddSingleton(PlugtestSettings.From(builder.Configuration));
builder.Services.AddSingleton<ObserveScripts>();
var app = builder.Build();
app.MapControllers();
app.Run();
