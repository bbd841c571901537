using Coap;

namespace App;

// No [CoapController] at all: the router still answers /.well-known/core and MapControllers compiles.
public static class Program
{
    public static CoapApplication Configure(CoapApplication app) => app.MapControllers();
}
