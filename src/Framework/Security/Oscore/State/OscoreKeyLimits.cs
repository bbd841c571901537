namespace Coap.Security.Oscore.State;

/// <summary>
/// Key usage limits of an AEAD algorithm (draft-ietf-core-oscore-key-limits §2.1): <see cref="Encryptions"/>
/// (q) is how many messages one Sender Key may protect, <see cref="FailedDecryptions"/> (v) how many forged
/// messages one Recipient Key may fail to decrypt before it must not be used again, and
/// <see cref="MaxMessageLength"/> the message size (l blocks) the limits assume.
/// </summary>
/// <param name="Encryptions">q: at least 1.</param>
/// <param name="FailedDecryptions">v: at least 1.</param>
/// <param name="MaxMessageLength">l in bytes; 0 when not stated.</param>
internal readonly record struct OscoreKeyLimits(long Encryptions, long FailedDecryptions, int MaxMessageLength = 0)
{
    /// <summary>COSE algorithm AES-CCM-16-64-128 (10), the OSCORE default.</summary>
    public const int AesCcm16_64_128 = 10;

    /// <summary>COSE algorithm AES-CCM-16-128-128 (30).</summary>
    public const int AesCcm16_128_128 = 30;

    /// <summary>COSE algorithm A128GCM (1).</summary>
    public const int A128Gcm = 1;

    /// <summary>COSE algorithm A256GCM (3).</summary>
    public const int A256Gcm = 3;

    /// <summary>COSE algorithm ChaCha20/Poly1305 (24).</summary>
    public const int ChaCha20Poly1305 = 24;

    /// <summary>
    /// The limits the draft recommends for <paramref name="coseAlgorithm"/>, or false for an algorithm it does not
    /// list (configure limits for those explicitly). AES-CCM-16-64-128 (AEAD_AES_128_CCM_8): q = 2^20,
    /// v = 2^14, l = 2^8 blocks (4096 bytes). AES-CCM-16-128-128, A128GCM and A256GCM: q = v = 2^20,
    /// l = 2^10 blocks (16384 bytes). ChaCha20/Poly1305: q = v = 2^20, l = 2^10 64-byte blocks (65536 bytes).
    /// Values as summarised from draft-ietf-core-oscore-key-limits (-05/-06); the 2021 seed's q = 2^23,
    /// v = 112 are superseded. Replays do not count towards v.
    /// </summary>
    public static bool TryForAlgorithm(int coseAlgorithm, out OscoreKeyLimits limits)
    {
        limits = coseAlgorithm switch
        {
            AesCcm16_64_128 => new OscoreKeyLimits(1L << 20, 1L << 14, 4096),
            AesCcm16_128_128 or A128Gcm or A256Gcm => new OscoreKeyLimits(1L << 20, 1L << 20, 16384),
            ChaCha20Poly1305 => new OscoreKeyLimits(1L << 20, 1L << 20, 65536),
            _ => default,
        };
        return limits.Encryptions != 0;
    }

    /// <summary>The recommended limits of <paramref name="coseAlgorithm"/>.</summary>
    /// <exception cref="NotSupportedException">The draft lists no limits for the algorithm.</exception>
    public static OscoreKeyLimits ForAlgorithm(int coseAlgorithm) =>
        TryForAlgorithm(coseAlgorithm, out var limits)
            ? limits
            : throw new NotSupportedException($"No key usage limits are known for COSE algorithm {coseAlgorithm}; configure them explicitly.");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Encryptions, 1, nameof(Encryptions));
        ArgumentOutOfRangeException.ThrowIfLessThan(FailedDecryptions, 1, nameof(FailedDecryptions));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMessageLength, nameof(MaxMessageLength));
    }
}
