namespace Coap.Interop.Tests.Routing.Controllers;

/// <summary>A singleton controller under /stats: one instance, shared by every request.</summary>
[CoapController("stats", Lifetime = ControllerLifetime.Singleton)]
public sealed class StatsController : CoapController
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);
    private long _hits;

    /// <summary>Which instance served the request: always the same one.</summary>
    [Get("instance")]
    public int Instance() => _instance;

    /// <summary>Counts its own calls, which only adds up if the instance lives on.</summary>
    [Get("hits")]
    public long Hits() => Interlocked.Increment(ref _hits);

    [Get("hello"), ResourceType("greeting")]
    public string Hello([FromQuery] string name = "world") => $"hello {name}";
}
