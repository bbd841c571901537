using Coap;

namespace App;

public sealed class Thermometer
{
    public double Celsius { get; set; } = 21.5;
}

[CoapController("sensors")]
public sealed partial class SensorsController(Thermometer thermometer) : CoapController
{
    [Get("temp"), ResourceType("temperature-c"), Interface("core.s"), ContentFormat(0), Title("Temperature"), SizeEstimate(8)]
    public CoapResult Temperature() => Content(thermometer.Celsius);

    [Put("setpoint")]
    public CoapResult SetPoint([FromPayload] double celsius)
    {
        thermometer.Celsius = celsius;
        return Changed();
    }

    [Get("humidity"), MaxAge(30)]
    public double Humidity() => 40.5;

    [Post("reset")]
    public void Reset() => thermometer.Celsius = 0;

    [Delete("reset")]
    public void ClearReset()
    {
    }

    [Get("name"), ResourceType("name", "label"), ContentFormat(0, 50)]
    public string Name() => "thermo \"1\"";

    [Get("alive")]
    public bool Alive() => true;
}
