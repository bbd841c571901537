namespace Coap.MulticastTests;

/// <summary>
/// Three Lighting lamp processes, kitchen, hall and porch on 127.0.0.1–3, with a short Leisure; the kitchen lamp is
/// in the application group (room) "kitchen", hall and porch in "entrance".
/// </summary>
public sealed class LightingLamps : IAsyncLifetime
{
    private RunningSamples? _samples;

    public static IReadOnlyList<(string Name, string Address, string Room)> Lamps { get; } =
        [("kitchen", "127.0.0.1", "kitchen"), ("hall", "127.0.0.2", "entrance"), ("porch", "127.0.0.3", "entrance")];

    internal RunningSamples Samples => _samples ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        NetworkNamespace.Require();
        var lamp = RunningSample.Locate("Lighting/Lamp", "Lamp");
        _samples = await RunningSamples.StartAsync(Lamps.Select(l => (Func<Task<RunningSample>>)(() =>
            RunningSample.StartAsync(lamp, l.Address, "--name", l.Name, "--room", l.Room, "--Coap:Groups:Leisure=00:00:00.1"))));
    }

    public async Task DisposeAsync()
    {
        if (_samples is not null)
        {
            await _samples.DisposeAsync();
        }
    }
}
