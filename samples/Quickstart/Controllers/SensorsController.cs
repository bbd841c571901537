using Coap;

namespace Quickstart.Controllers;

/// <summary>A simulated thermometer: read it, set its target, read one of its past samples.</summary>
[CoapController("sensors")]
public sealed class SensorsController(Thermometer thermometer) : CoapController
{
    [Get("temp"), ResourceType("temperature-c"), Interface("core.s"), Title("Temperature")]
    public CoapResult Temperature() => Content(thermometer.Celsius);

    [Put("setpoint"), ResourceType("temperature-c"), Interface("core.p")]
    public CoapResult SetPoint([FromPayload] double celsius)
    {
        thermometer.Target = celsius;
        return Changed();
    }

    [Get("history/{index:int}")]
    public CoapResult History(int index) =>
        thermometer.TryGetSample(index, out var celsius) ? Content(celsius) : NotFound();
}
