namespace Coap.Microbenchmarks;

/// <summary>
/// An observable resource whose value the benchmark changes: answers every request with
/// <c>"&lt;Value&gt; Cel"</c> as text/plain after <see cref="CoapContext.EnableObserve"/>, formatted
/// into the response without allocating. Counts the renderings it did for notifications.
/// </summary>
internal sealed class ChangingValueHandler : ICoapRequestHandler
{
    private int _value = 1000;
    private int _renderings;

    /// <summary>The current value (read on the rendering thread).</summary>
    public int Value => Volatile.Read(ref _value);

    /// <summary>Handler runs for notifications (not for registrations).</summary>
    public int Renderings => Volatile.Read(ref _renderings);

    /// <summary>Changes the value; the next rendering reports it.</summary>
    public void Change() => Interlocked.Increment(ref _value);

    public ValueTask HandleAsync(CoapContext context)
    {
        if (!context.EnableObserve())
        {
            return ValueTask.CompletedTask;
        }

        var response = context.Response;
        response.SetContentFormat(CoapContentFormat.TextPlain);
        Span<byte> text = stackalloc byte[16];
        Value.TryFormat(text, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        " Cel"u8.CopyTo(text[length..]);
        response.WritePayload(text[..(length + 4)]);
        if (context.IsNotification)
        {
            Interlocked.Increment(ref _renderings);
        }

        return ValueTask.CompletedTask;
    }
}
