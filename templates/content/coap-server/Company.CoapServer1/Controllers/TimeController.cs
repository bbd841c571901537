using System.Globalization;
using Coap;

namespace Company.CoapServer1.Controllers;

/// <summary>
/// The resources at the root: <c>GET /time</c> and <c>GET /hello/{name}</c>. The source generator
/// compiles the routes below into the router that <c>app.MapControllers()</c> maps; they are also
/// listed in <c>/.well-known/core</c>.
/// </summary>
[CoapController]
public sealed class TimeController(TimeProvider time) : CoapController
{
    /// <summary>The current time (UTC) as text, in the format libcoap's example server uses: "Nov 21 23:17:57".</summary>
    [Get("time")]
    [ResourceType("time")]
    [Title("Current time")]
    public CoapResult GetTime() =>
        Content(time.GetUtcNow().ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture));

    /// <summary>A greeting; <paramref name="name"/> is bound from the last path segment.</summary>
    [Get("hello/{name}")]
    [ResourceType("greeting")]
    [Title("Hello")]
    public CoapResult Hello(string name) => Content($"Hello, {name}!");
}
