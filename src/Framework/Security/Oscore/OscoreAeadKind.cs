namespace Coap.Security.Oscore;

/// <summary>The AEAD construction behind an <see cref="OscoreAlgorithm"/>.</summary>
internal enum OscoreAeadKind : byte
{
    /// <summary>AES in CCM mode (RFC 8152 §10.2).</summary>
    AesCcm,

    /// <summary>AES in GCM mode (RFC 8152 §10.1).</summary>
    AesGcm,

    /// <summary>ChaCha20/Poly1305 (RFC 8152 §10.3).</summary>
    ChaCha20Poly1305,
}
