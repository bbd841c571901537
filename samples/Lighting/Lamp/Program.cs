using Coap;
using Lighting.Lamp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// A lamp: GET /light tells whether it is on, PUT /light with "on" or "off" switches it; both answer group
// requests. It joins the groups in Coap:Groups (appsettings.json: the lights group 239.255.0.1 and All CoAP
// Nodes, for discovery). --urls coap://127.0.0.2:5683 picks the endpoint, --name hall names the lamp, and
// --room hallway puts it in that application group, so /gp/hallway/light reaches it and no lamp of another room.
// appsettings.json is read from the program's folder, wherever it is started from.
var builder = CoapApplication.CreateBuilder([$"--contentRoot={AppContext.BaseDirectory}", .. args]);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--name"] = "Lamp:Name",
    ["--room"] = "Coap:Groups:ApplicationGroups:0",
});
builder.Services.AddSingleton(new LampState(builder.Configuration["Lamp:Name"] is { Length: > 0 } name ? name : "lamp"));
var app = builder.Build();
app.MapControllers();
app.Run();
