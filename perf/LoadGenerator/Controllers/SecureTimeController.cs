namespace Coap.LoadGenerator.Controllers;

/// <summary>
/// Serve mode's <c>--oscore --controllers</c> resource: GET /stime answered exactly like
/// <see cref="TimeController"/>, but only to requests protected with OSCORE (others get 4.01).
/// A singleton, so a request creates no controller and no service scope.
/// </summary>
[CoapController(Lifetime = ControllerLifetime.Singleton)]
[RequireOscore]
internal sealed class SecureTimeController(TimePayload time) : CoapController
{
    [Get("stime"), ContentFormat(CoapContentFormat.TextPlain), MaxAge(1)]
    public ReadOnlyMemory<byte> Time() => time.Current;
}
