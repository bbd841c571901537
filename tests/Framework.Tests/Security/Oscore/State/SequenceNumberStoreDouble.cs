using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>An in-memory store whose saves can be made to fail, as a full disk would.</summary>
internal sealed class SequenceNumberStoreDouble : ISequenceNumberStore
{
    private readonly InMemorySequenceNumberStore _inner = new();

    public bool FailSaves { get; set; }

    public bool TryLoad(OscoreStateKey key, out ulong bound) => _inner.TryLoad(key, out bound);

    public void Save(OscoreStateKey key, ulong bound)
    {
        if (FailSaves)
        {
            throw new IOException("No space left on device.");
        }

        _inner.Save(key, bound);
    }

    public void Delete(OscoreStateKey key) => _inner.Delete(key);
}
