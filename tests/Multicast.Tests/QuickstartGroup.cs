namespace Coap.MulticastTests;

/// <summary>
/// Three Quickstart processes on 127.0.0.1, 127.0.0.2 and 127.0.0.3 (port 5683), each started with
/// <c>--multicast</c> and a short Leisure, shared by the tests of one class.
/// </summary>
public sealed class QuickstartGroup : IAsyncLifetime
{
    private RunningSamples? _samples;

    public static IReadOnlyList<string> Addresses { get; } = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];

    internal RunningSamples Samples => _samples ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        NetworkNamespace.Require();
        var quickstart = RunningSample.Locate("Quickstart", "Quickstart");
        _samples = await RunningSamples.StartAsync(Addresses.Select(address => (Func<Task<RunningSample>>)(() =>
            RunningSample.StartAsync(quickstart, address, "--multicast", "--Coap:Groups:Leisure=00:00:00.1"))));
    }

    public async Task DisposeAsync()
    {
        if (_samples is not null)
        {
            await _samples.DisposeAsync();
        }
    }
}
