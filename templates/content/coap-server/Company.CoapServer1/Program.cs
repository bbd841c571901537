using Coap;

var builder = CoapApplication.CreateBuilder(args);
var app = builder.Build();
app.MapControllers();
app.Run();
