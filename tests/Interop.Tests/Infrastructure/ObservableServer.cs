using Coap.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Our <see cref="CoapServer"/> on a free dual-stack port with one observable text resource,
/// <c>/resource</c>, served by a hand-written handler that calls <see cref="CoapContext.EnableObserve"/>.
/// The test changes the value with <see cref="ChangeAsync"/>, which notifies the observers.
/// Debug logs are kept, so the reason an observer was removed can be asserted.
/// </summary>
internal sealed class ObservableServer : IAsyncDisposable
{
    public const string Path = "/resource";

    private string _value;

    private ObservableServer(string value)
    {
        _value = value;
        Handler = DelegateHandler.Sync(Handle);
    }

    public CoapServer Server { get; private set; } = null!;

    public DelegateHandler Handler { get; }

    public RecordingLoggerFactory Logs { get; } = new(LogLevel.Debug);

    public int Port => Server.LocalEndPoints[0].Port;

    /// <summary>The observers of <see cref="Path"/>.</summary>
    public int Observers => Server.Observations.GetObserverCount(Path);

    public static async Task<ObservableServer> StartAsync(string initialValue, Action<CoapServerOptions>? configure = null)
    {
        var observable = new ObservableServer(initialValue);
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://[::]:0");
        configure?.Invoke(options);
        observable.Server = new CoapServer(observable.Handler, options, observable.Logs);
        await observable.Server.StartAsync();
        return observable;
    }

    /// <summary>A URI for this server at <c>127.0.0.1</c> or <c>[::1]</c>; <paramref name="query"/> (e.g. "?c.gt=25") is appended to <see cref="Path"/>.</summary>
    public string Uri(string host, string query = "") => $"coap://{host}:{Port}{Path}{query}";

    /// <summary>Waits until <paramref name="count"/> clients observe the resource (the registration response is sent once it is recorded).</summary>
    public Task WaitForObserversAsync(int count, Func<string> describePeer) =>
        Eventually.AssertAsync(() => Observers == count, TimeSpan.FromSeconds(15), () => $"{Observers} observers of {Path}, not {count}.{Environment.NewLine}{describePeer()}{Environment.NewLine}{DescribeLogs()}");

    /// <summary>
    /// Sets a new value, notifies the observers and waits until the resource was rendered and the
    /// notifications sent (or suppressed by conditional attributes). Call it only while no other
    /// rendering runs: one change at a time, observers registered.
    /// </summary>
    public async Task ChangeAsync(string value)
    {
        var rendered = Server.Observations.CompletedRenderings;
        Volatile.Write(ref _value, value);
        Server.Observations.Notify(Path);
        await Eventually.AssertAsync(() => Server.Observations.CompletedRenderings > rendered, TimeSpan.FromSeconds(15), () => $"{Path} was not rendered after changing to '{value}'.");
    }

    /// <summary>The "… no longer observes /resource: Reason" debug messages logged so far.</summary>
    public IReadOnlyList<string> Removals() =>
        [.. Logs.Entries.Where(e => e.EventId.Name == "ObserverRemoved").Select(e => e.Message)];

    /// <summary>Fails the test when the server logged an error (a failed rendering, a socket fault).</summary>
    public void AssertNoErrors()
    {
        var errors = Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"the server logged errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    public string DescribeLogs() => $"server log:{Environment.NewLine}{string.Join(Environment.NewLine, Logs.Entries)}";

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private void Handle(CoapContext context)
    {
        var response = context.Response;
        if (context.GetPath() != Path)
        {
            response.Code = CoapCode.NotFound;
            return;
        }

        if (context.Method != CoapCode.Get)
        {
            response.Code = CoapCode.MethodNotAllowed;
            return;
        }

        if (!context.EnableObserve())
        {
            return;
        }

        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.WritePayload(Volatile.Read(ref _value).AsSpan());
    }
}
