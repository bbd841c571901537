namespace Coap.LoadGenerator.Controllers;

/// <summary>
/// Serve mode's <c>--controllers</c> application: GET /time answered exactly like
/// <see cref="TimeHandler"/> (text/plain, Max-Age 1, the 15-byte time), but through the router
/// the source generator compiles from this class (<c>Coap.Generated.CoapGeneratedRouter</c>).
/// A singleton, so a request creates no controller and no service scope.
/// </summary>
[CoapController(Lifetime = ControllerLifetime.Singleton)]
internal sealed class TimeController(TimePayload time) : CoapController
{
    [Get("time"), ContentFormat(CoapContentFormat.TextPlain), MaxAge(1)]
    public ReadOnlyMemory<byte> Time() => time.Current;
}
