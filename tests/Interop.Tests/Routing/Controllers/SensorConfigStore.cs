namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>A singleton service the per-request <see cref="SensorsController"/> writes to and reads from.</summary>
public sealed class SensorConfigStore
{
    private SensorConfig _current = new("initial", 60);

    public SensorConfig Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
