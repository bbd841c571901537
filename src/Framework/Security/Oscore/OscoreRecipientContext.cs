using System.Security.Cryptography;

namespace Coap.Security.Oscore;

/// <summary>
/// The Recipient Context (RFC 8613 §3.1): Recipient ID and Recipient Key (held as a ready
/// <see cref="IOscoreAead"/>). The Replay Window that RFC 8613 also places here is kept beside
/// it, in <c>State/</c>, and consulted through <see cref="IOscoreReplayCheck"/> after a request
/// decrypts (§7.4), so this type stays free of mutable per-message state.
/// </summary>
internal sealed class OscoreRecipientContext : IDisposable
{
    private readonly byte[] _key;

    /// <summary>Creates the recipient part; takes ownership of <paramref name="key"/>.</summary>
    public OscoreRecipientContext(byte[] id, byte[] key, IOscoreAead aead)
    {
        Id = id;
        _key = key;
        Aead = aead;
    }

    /// <summary>The Recipient ID (received as kid).</summary>
    public byte[] Id { get; }

    /// <summary>The Recipient Key: only for tests and key export, never logged.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>The cipher for the Recipient Key.</summary>
    public IOscoreAead Aead { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        Aead.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"Recipient ID {Convert.ToHexString(Id)}";
}
