namespace Coap.Security.Oscore;

/// <summary>
/// An AEAD algorithm OSCORE can use, by its COSE identifier, with the key, nonce and tag sizes
/// the context derivation (RFC 8613 §3.2.1) and the nonce construction (§5.2) depend on. Key
/// derivation always uses HKDF-SHA-256 (the RFC 8613 default).
/// </summary>
internal sealed class OscoreAlgorithm
{
    private OscoreAlgorithm(int coseId, string name, OscoreAeadKind kind, int keyLength, int nonceLength, int tagLength)
    {
        CoseId = coseId;
        Name = name;
        Kind = kind;
        KeyLength = keyLength;
        NonceLength = nonceLength;
        TagLength = tagLength;
    }

    /// <summary>AES-CCM-16-64-128 (COSE 10): the mandatory-to-implement default.</summary>
    public static OscoreAlgorithm AesCcm16_64_128 { get; } = new(10, "AES-CCM-16-64-128", OscoreAeadKind.AesCcm, 16, 13, 8);

    /// <summary>AES-CCM-16-128-128 (COSE 30).</summary>
    public static OscoreAlgorithm AesCcm16_128_128 { get; } = new(30, "AES-CCM-16-128-128", OscoreAeadKind.AesCcm, 16, 13, 16);

    /// <summary>A128GCM (COSE 1).</summary>
    public static OscoreAlgorithm A128Gcm { get; } = new(1, "A128GCM", OscoreAeadKind.AesGcm, 16, 12, 16);

    /// <summary>A256GCM (COSE 3).</summary>
    public static OscoreAlgorithm A256Gcm { get; } = new(3, "A256GCM", OscoreAeadKind.AesGcm, 32, 12, 16);

    /// <summary>ChaCha20/Poly1305 (COSE 24).</summary>
    public static OscoreAlgorithm ChaCha20Poly1305 { get; } = new(24, "ChaCha20/Poly1305", OscoreAeadKind.ChaCha20Poly1305, 32, 12, 16);

    /// <summary>The algorithm a context uses when none is configured (RFC 8613 §3.2).</summary>
    public static OscoreAlgorithm Default => AesCcm16_64_128;

    /// <summary>The COSE algorithm identifier, as it appears in the derivation info and the AAD.</summary>
    public int CoseId { get; }

    /// <summary>The COSE name.</summary>
    public string Name { get; }

    /// <summary>The AEAD construction.</summary>
    public OscoreAeadKind Kind { get; }

    /// <summary>The key length in bytes.</summary>
    public int KeyLength { get; }

    /// <summary>The nonce length in bytes (also the Common IV length).</summary>
    public int NonceLength { get; }

    /// <summary>The authentication tag length in bytes.</summary>
    public int TagLength { get; }

    /// <summary>The longest Sender ID this algorithm allows: nonce length − 6 (RFC 8613 §3.3).</summary>
    public int MaxIdLength => NonceLength - 6;

    /// <summary>Finds an algorithm by its COSE identifier.</summary>
    public static bool TryGet(int coseId, out OscoreAlgorithm algorithm)
    {
        algorithm = coseId switch
        {
            10 => AesCcm16_64_128,
            30 => AesCcm16_128_128,
            1 => A128Gcm,
            3 => A256Gcm,
            24 => ChaCha20Poly1305,
            _ => null!,
        };
        return algorithm is not null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({CoseId})";
}
