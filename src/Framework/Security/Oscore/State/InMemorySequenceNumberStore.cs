using System.Collections.Concurrent;

namespace Coap.Security.Oscore.State;

/// <summary>
/// A <see cref="ISequenceNumberStore"/> that lives as long as the process: for tests, and for contexts
/// that are re-established (new keys) after every restart, where persistence is not needed.
/// </summary>
internal sealed class InMemorySequenceNumberStore : ISequenceNumberStore
{
    private readonly ConcurrentDictionary<OscoreStateKey, ulong> _bounds = new();
    private int _saveCount;

    /// <summary>How many times a bound was saved; lets a test see that numbers are reserved in batches.</summary>
    public int SaveCount => Volatile.Read(ref _saveCount);

    /// <inheritdoc />
    public bool TryLoad(OscoreStateKey key, out ulong bound) => _bounds.TryGetValue(key, out bound);

    /// <inheritdoc />
    public void Save(OscoreStateKey key, ulong bound)
    {
        _bounds[key] = bound;
        Interlocked.Increment(ref _saveCount);
    }

    /// <inheritdoc />
    public void Delete(OscoreStateKey key) => _bounds.TryRemove(key, out _);
}
