using System.Threading.Tasks;
using Coap;

namespace App;

public interface ICounter
{
    int Next();
}

public readonly record struct Status(string State, int Uptime);

[CoapController("async")]
public sealed class AsyncController : CoapController
{
    [Get("task")]
    public async Task<string> TaskOfString() => await Task.FromResult("done");

    [Put("task")]
    public Task PlainTask() => Task.CompletedTask;

    [Get("value")]
    public ValueTask<Status> ValueTaskOfStatus() => new(new Status("up", 3));

    [Delete("value")]
    public ValueTask PlainValueTask() => default;

    [Get("result"), MaxAge(5)]
    public Task<CoapResult> Result() => Task.FromResult(Content("ok"));
}

[CoapController("counter", Lifetime = ControllerLifetime.Singleton)]
public sealed class CounterController(ICounter counter) : CoapController
{
    [Get]
    public int Next() => counter.Next();

    [Get("async")]
    public async ValueTask<long> NextAsync()
    {
        await Task.Yield();
        return counter.Next();
    }

    [Get("static")]
    public static string Static() => "static";
}
