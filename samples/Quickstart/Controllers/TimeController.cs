using System.Globalization;
using Coap;

namespace Quickstart.Controllers;

/// <summary>
/// The current time, like libcoap's example server: <c>GET /time</c> → "Nov 21 23:17:57", fresh for
/// one second, and observable: <see cref="TimeTicker"/> notifies observers every second. It also answers
/// group requests (<c>[Multicast]</c>) when the server is in a group (<c>--multicast</c>).
/// </summary>
[CoapController(Lifetime = ControllerLifetime.Singleton)]
public sealed class TimeController(TimeProvider time) : CoapController
{
    [Get("time"), Multicast, Observable, ResourceType("time"), Title("Current time"), ContentFormat(CoapContentFormat.TextPlain), MaxAge(1)]
    public string Time() => time.GetUtcNow().ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);

    [Get(""), Title("Index"), ContentFormat(CoapContentFormat.TextPlain)]
    public string Index() => "Coap quickstart server. Try GET /time, GET /sensors/temp and GET /.well-known/core.";
}
