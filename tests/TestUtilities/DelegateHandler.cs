namespace Coap.TestUtilities;

/// <summary>A request handler from a lambda, for tests that do not need routing.</summary>
public sealed class DelegateHandler(Func<CoapContext, ValueTask> handle) : ICoapRequestHandler
{
    private int _calls;

    /// <summary>How many times the handler ran.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A handler that answers synchronously.</summary>
    public static DelegateHandler Sync(Action<CoapContext> handle) => new(c =>
    {
        handle(c);
        return ValueTask.CompletedTask;
    });

    /// <inheritdoc />
    public ValueTask HandleAsync(CoapContext context)
    {
        Interlocked.Increment(ref _calls);
        return handle(context);
    }
}
