namespace Coap.LoadGenerator;

/// <summary>
/// Counts the requests the server hands to the application (hand-written or generated router
/// alike) and takes one snapshot at a given count, for serve mode's bytes-per-request figures.
/// </summary>
internal sealed class CountingHandler(ICoapRequestHandler inner) : ICoapRequestHandler
{
    private long _handled;

    /// <summary>Requests handled so far.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Called once with the count when it reaches <see cref="SnapshotAt"/>.</summary>
    public Action<long>? Snapshot { get; init; }

    public long SnapshotAt { get; init; } = long.MaxValue;

    public ValueTask HandleAsync(CoapContext context)
    {
        var count = Interlocked.Increment(ref _handled);
        if (count == SnapshotAt)
        {
            Snapshot?.Invoke(count);
        }

        return inner.HandleAsync(context);
    }
}
