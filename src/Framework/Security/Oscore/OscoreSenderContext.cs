using System.Security.Cryptography;

namespace Coap.Security.Oscore;

/// <summary>
/// The Sender Context (RFC 8613 §3.1): Sender ID, Sender Key (held as a ready
/// <see cref="IOscoreAead"/>) and the Sender Sequence Number. Persisting the sequence number
/// across reboots (§7.5.1) lives beside this type, in <c>State/</c>.
/// </summary>
internal sealed class OscoreSenderContext : IDisposable
{
    /// <summary>The largest usable sequence number, 2^40 − 1 (RFC 8613 §7.2.1).</summary>
    public const ulong MaxSequenceNumber = (1UL << 40) - 1;

    private readonly byte[] _key;
    private long _nextSequenceNumber;

    /// <summary>Creates the sender part; takes ownership of <paramref name="key"/>.</summary>
    public OscoreSenderContext(byte[] id, byte[] key, IOscoreAead aead, ulong initialSequenceNumber)
    {
        Id = id;
        _key = key;
        Aead = aead;
        _nextSequenceNumber = (long)Math.Min(initialSequenceNumber, MaxSequenceNumber + 1);
    }

    /// <summary>The Sender ID (sent as kid).</summary>
    public byte[] Id { get; }

    /// <summary>The Sender Key: only for tests and key export, never logged.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>The cipher for the Sender Key.</summary>
    public IOscoreAead Aead { get; }

    /// <summary>The next sequence number that <see cref="TryTakeSequenceNumber"/> will hand out.</summary>
    public ulong NextSequenceNumber => PersistedNumbers?.Next ?? (ulong)Interlocked.Read(ref _nextSequenceNumber);

    /// <summary>
    /// The persisted allocator (Appendix B.1.1); when set, sequence numbers come from it instead of the in-memory
    /// counter, so they survive restarts.
    /// </summary>
    public State.SenderSequenceNumbers? PersistedNumbers { get; set; }

    /// <summary>Takes the next sequence number; false once 2^40 − 1 has been used (the context is exhausted).</summary>
    public bool TryTakeSequenceNumber(out ulong sequenceNumber)
    {
        if (PersistedNumbers is { } persisted)
        {
            return persisted.TryNext(out sequenceNumber);
        }

        var taken = Interlocked.Increment(ref _nextSequenceNumber) - 1;
        if ((ulong)taken > MaxSequenceNumber)
        {
            // Stay above the limit without wrapping.
            Interlocked.Exchange(ref _nextSequenceNumber, (long)MaxSequenceNumber + 1);
            sequenceNumber = 0;
            return false;
        }

        sequenceNumber = (ulong)taken;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        Aead.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"Sender ID {Convert.ToHexString(Id)}, next SSN {NextSequenceNumber}";
}
