using System.Security.Cryptography;

namespace Coap.Security.Oscore;

/// <summary>
/// The default <see cref="IOscoreCryptoProvider"/>: <see cref="AesCcm"/>, <see cref="AesGcm"/>,
/// <see cref="System.Security.Cryptography.ChaCha20Poly1305"/> (each where the platform supports
/// it) and <see cref="HKDF"/> with SHA-256.
/// </summary>
internal sealed class BclOscoreCryptoProvider : IOscoreCryptoProvider
{
    /// <summary>The shared instance; it holds no state.</summary>
    public static BclOscoreCryptoProvider Instance { get; } = new();

    /// <inheritdoc />
    public bool IsSupported(OscoreAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.Kind switch
        {
            OscoreAeadKind.AesCcm => AesCcm.IsSupported,
            OscoreAeadKind.AesGcm => AesGcm.IsSupported,
            OscoreAeadKind.ChaCha20Poly1305 => System.Security.Cryptography.ChaCha20Poly1305.IsSupported,
            _ => false,
        };
    }

    /// <inheritdoc />
    public IOscoreAead CreateAead(OscoreAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (key.Length != algorithm.KeyLength)
        {
            throw new ArgumentException($"{algorithm.Name} needs a {algorithm.KeyLength}-byte key.", nameof(key));
        }

        if (!IsSupported(algorithm))
        {
            throw new PlatformNotSupportedException($"{algorithm.Name} is not supported on this platform.");
        }

        return new BclOscoreAead(algorithm, key);
    }

    /// <inheritdoc />
    public void HkdfExtract(ReadOnlySpan<byte> inputKeyMaterial, ReadOnlySpan<byte> salt, Span<byte> pseudoRandomKey) =>
        HKDF.Extract(HashAlgorithmName.SHA256, inputKeyMaterial, salt, pseudoRandomKey);

    /// <inheritdoc />
    public void HkdfExpand(ReadOnlySpan<byte> pseudoRandomKey, ReadOnlySpan<byte> info, Span<byte> output) =>
        HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, output, info);
}
