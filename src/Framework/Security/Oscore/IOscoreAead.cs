namespace Coap.Security.Oscore;

/// <summary>
/// One AEAD key ready for use: created once per key by an <see cref="IOscoreCryptoProvider"/>
/// and reused for every message, so protecting a message allocates no cipher. Disposing it
/// releases the key material.
/// </summary>
internal interface IOscoreAead : IDisposable
{
    /// <summary>The algorithm the key is for.</summary>
    OscoreAlgorithm Algorithm { get; }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertextAndTag"/> (exactly
    /// plaintext length + tag length bytes). False when a length does not fit; never throws for bad input.
    /// </summary>
    bool TrySeal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertextAndTag);

    /// <summary>
    /// Decrypts and verifies <paramref name="ciphertextAndTag"/> into <paramref name="plaintext"/>
    /// (exactly ciphertext length − tag length bytes). False when authentication fails or a length
    /// does not fit; never throws for bad input.
    /// </summary>
    bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext);
}
