using System.Security.Cryptography;

namespace Coap.Security.Oscore;

/// <summary>
/// One key of <see cref="BclOscoreCryptoProvider"/>: the BCL cipher object is created once and
/// reused. The BCL ciphers are not documented as thread-safe, so calls are serialized by a lock
/// (no allocation).
/// </summary>
internal sealed class BclOscoreAead : IOscoreAead
{
    private readonly Lock _lock = new();
    private readonly AesCcm? _ccm;
    private readonly AesGcm? _gcm;
    private readonly ChaCha20Poly1305? _chacha;
    private bool _disposed;

    /// <summary>Creates the cipher for one key.</summary>
    public BclOscoreAead(OscoreAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        Algorithm = algorithm;
        switch (algorithm.Kind)
        {
            case OscoreAeadKind.AesCcm:
                _ccm = new AesCcm(key);
                break;
            case OscoreAeadKind.AesGcm:
                _gcm = new AesGcm(key, algorithm.TagLength);
                break;
            default:
                _chacha = new ChaCha20Poly1305(key);
                break;
        }
    }

    /// <inheritdoc />
    public OscoreAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public bool TrySeal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertextAndTag)
    {
        if (nonce.Length != Algorithm.NonceLength || ciphertextAndTag.Length != plaintext.Length + Algorithm.TagLength)
        {
            return false;
        }

        var ciphertext = ciphertextAndTag[..plaintext.Length];
        var tag = ciphertextAndTag[plaintext.Length..];
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                if (_ccm is not null)
                {
                    _ccm.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
                }
                else if (_gcm is not null)
                {
                    _gcm.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
                }
                else
                {
                    _chacha!.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
                }

                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        if (nonce.Length != Algorithm.NonceLength || ciphertextAndTag.Length < Algorithm.TagLength ||
            plaintext.Length != ciphertextAndTag.Length - Algorithm.TagLength)
        {
            return false;
        }

        var ciphertext = ciphertextAndTag[..plaintext.Length];
        var tag = ciphertextAndTag[plaintext.Length..];
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                if (_ccm is not null)
                {
                    _ccm.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
                }
                else if (_gcm is not null)
                {
                    _gcm.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
                }
                else
                {
                    _chacha!.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
                }

                return true;
            }
            catch (CryptographicException)
            {
                // AuthenticationTagMismatchException derives from CryptographicException.
                plaintext.Clear();
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _ccm?.Dispose();
            _gcm?.Dispose();
            _chacha?.Dispose();
        }
    }
}
