using Coap;

namespace ObserveSample.Controllers;

/// <summary>
/// <c>GET /sensors/humidity</c>, observable. [Binding] sets the defaults every registration gets
/// (at most one notification a second, at least one every 30 s, only when the value moved by
/// 0.5 points); a client's <c>c.pmin</c>, <c>c.st</c>, … override them.
/// </summary>
[CoapController("sensors", Lifetime = ControllerLifetime.Singleton)]
public sealed class HumidityController(Hygrometer hygrometer) : CoapController
{
    [Get("humidity"), Observable, Binding(MinPeriod = 1, MaxPeriod = 30, Step = 0.5)]
    [ResourceType("humidity-percent"), Title("Relative humidity (%)")]
    public double Humidity() => hygrometer.Percent;
}
