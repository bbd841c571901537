namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>
/// A per-request controller under /sensors: literal routes with discovery attributes, a
/// constrained and an unconstrained typed route parameter, and a JSON payload.
/// </summary>
[CoapController("sensors")]
public sealed class SensorsController(SensorConfigStore store) : CoapController
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);

    [Get("temp"), ResourceType("temperature-c"), Interface("core.s"), Title("Temperature"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Temperature() => Content(21.5);

    [Get("temp-f"), ResourceType("temperature-f"), Interface("core.s")]
    public CoapResult TemperatureFahrenheit() => Content(70.7);

    [Get("humidity"), ResourceType("humidity-rh", "sensor"), Interface("core.s")]
    public CoapResult Humidity() => Content(40.0);

    /// <summary>A constrained parameter: "abc" does not match the route at all (4.04).</summary>
    [Get("items/{id:int}")]
    public CoapResult Item(int id) => Content($"item {id}");

    /// <summary>An unconstrained int parameter: "abc" matches the route and fails binding (4.00).</summary>
    [Get("echo/{value}")]
    public int Echo(int value) => value;

    /// <summary>JSON only: the payload binds from Content-Format 50 and nothing else (4.15).</summary>
    [Put("config"), ResourceType("config")]
    public CoapResult PutConfig([FromPayload] SensorConfig config)
    {
        store.Current = config;
        return Changed();
    }

    [Get("config")]
    public SensorConfig Config() => store.Current;

    /// <summary>Which instance served the request: a new one every time.</summary>
    [Get("instance")]
    public int Instance() => _instance;
}
