namespace Coap.Security.Oscore.State;

/// <summary>
/// Keeps, per Sender Context, the bound below which sender sequence numbers may already have been used
/// (RFC 8613 Appendix B.1.1). After a restart the sender continues at the stored bound, so no number is
/// used twice with the same key. Stores hold numbers only, never key material.
/// </summary>
internal interface ISequenceNumberStore
{
    /// <summary>The stored bound of <paramref name="key"/>, or false when nothing is stored.</summary>
    /// <exception cref="InvalidDataException">The stored state exists but cannot be read; continuing could reuse numbers.</exception>
    bool TryLoad(OscoreStateKey key, out ulong bound);

    /// <summary>Durably stores <paramref name="bound"/> for <paramref name="key"/> before returning; throws when it cannot.</summary>
    void Save(OscoreStateKey key, ulong bound);

    /// <summary>Forgets <paramref name="key"/>, for when its context is replaced by one with new keys.</summary>
    void Delete(OscoreStateKey key);
}
