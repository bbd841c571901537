namespace Coap.MulticastTests;

/// <summary>
/// Servers with different resources in All CoAP Nodes: a Quickstart (<c>--multicast</c>) on 127.0.0.1 with
/// <c>/time</c> (rt="time") and two Lighting lamps on 127.0.0.2 and 127.0.0.3 with <c>/light</c> (rt="light"),
/// a short Leisure each. Shared by the tests of one class.
/// </summary>
public sealed class DiscoveryServers : IAsyncLifetime
{
    private RunningSamples? _samples;

    internal RunningSamples Samples => _samples ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        NetworkNamespace.Require();
        var quickstart = RunningSample.Locate("Quickstart", "Quickstart");
        var lamp = RunningSample.Locate("Lighting/Lamp", "Lamp");
        const string ShortLeisure = "--Coap:Groups:Leisure=00:00:00.1";
        _samples = await RunningSamples.StartAsync(
        [
            () => RunningSample.StartAsync(quickstart, "127.0.0.1", "--multicast", ShortLeisure),
            () => RunningSample.StartAsync(lamp, "127.0.0.2", "--name", "hall", ShortLeisure),
            () => RunningSample.StartAsync(lamp, "127.0.0.3", "--name", "porch", ShortLeisure),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_samples is not null)
        {
            await _samples.DisposeAsync();
        }
    }
}
