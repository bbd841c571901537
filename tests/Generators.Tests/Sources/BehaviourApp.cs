using System;
using System.Threading;
using System.Threading.Tasks;
using Coap;
using Microsoft.Extensions.DependencyInjection;

namespace App;

public static class Startup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IGreeter, Greeter>();
        services.AddScoped<ScopedThing>();
    }
}

public interface IGreeter
{
    string Greet(string name);
}

public sealed class Greeter : IGreeter
{
    public string Greet(string name) => "hello " + name;
}

public sealed class ScopedThing : IDisposable
{
    public static int Disposed;

    public void Dispose() => Interlocked.Increment(ref Disposed);
}

public enum Color
{
    Red,
    Green,
    Blue,
}

public sealed class Reading
{
    public string Sensor { get; set; } = "";

    public double Value { get; set; }
}

[CoapController("sensors")]
public sealed class SensorsController(IGreeter greeter, ScopedThing scoped) : CoapController
{
    [Get("temp"), ResourceType("temperature-c"), Interface("core.s"), ContentFormat(0), Title("Temperature")]
    public string Temperature() => "21.5";

    [Get("temp/{id:int}")]
    public string ById(int id) => "int " + id;

    [Get("temp/{name}")]
    public string ByName(string name) => "name " + name;

    [Get("guid/{id:guid}")]
    public string ByGuid(Guid id) => "guid " + id.ToString("N");

    [Get("color/{color}")]
    public string ByColor(Color color) => "color " + color;

    [Get("double/{n}")]
    public int Double(int n) => n * 2;

    [Get("search"), ResourceType("search")]
    public string Search(string q, int limit = 10, bool? exact = null) => $"{q}:{limit}:{exact?.ToString() ?? "null"}";

    [Get("greet/{name}")]
    public string Greet(string name) => greeter.Greet(name) + (scoped is null ? "" : "!");

    [Post("readings")]
    public CoapResult Add([FromPayload] Reading reading) => reading.Value > 100 ? BadRequest("too hot") : Content(reading.Sensor + "=" + reading.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Get("latest")]
    public Reading Latest() => new() { Sensor = "t1", Value = 21.5 };

    [Put("setpoint")]
    public void SetPoint([FromPayload] double celsius) => _ = celsius;

    [Delete("setpoint")]
    public void ClearSetPoint()
    {
    }

    [Post("setpoint")]
    public void PostSetPoint()
    {
    }

    [Get("setpoint")]
    public void GetSetPoint()
    {
    }

    [Get("slow")]
    public async Task<string> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        return "slow";
    }

    [Get("fast")]
    public ValueTask<int> Fast() => ValueTask.FromResult(42);

    [Put("slow-void")]
    public async Task SlowVoid() => await Task.Delay(5);

    [Get("files/{*path}")]
    public string Files(string path) => "file " + path;

    [Get("bytes"), ContentFormat(60)]
    public byte[] Bytes() => [1, 2, 3];

    [Get("cached"), MaxAge(60)]
    public string Cached() => "cached";

    [Get("throws")]
    public string Throws() => throw new InvalidOperationException("boom");

    [Post("text")]
    public string Echo([FromPayload] string text) => "echo " + text;
}

[CoapController("instances")]
public sealed class PerRequestController : CoapController
{
    private static int _created;
    private readonly int _id = Interlocked.Increment(ref _created);

    [Get]
    public int Id() => _id;

    [Get("path")]
    public string Path() => Context.GetPath();
}

[CoapController("singleton", Lifetime = ControllerLifetime.Singleton)]
public sealed class SingletonController : CoapController
{
    private static int _created;
    private readonly int _id = Interlocked.Increment(ref _created);

    [Get]
    public int Id() => _id;

    [Get("path")]
    public string Path(CoapContext context) => context.GetPath();

    [Get("context")]
    public string ContextAccess()
    {
        try
        {
            return Context.GetPath();
        }
        catch (InvalidOperationException)
        {
            return "no context";
        }
    }
}
