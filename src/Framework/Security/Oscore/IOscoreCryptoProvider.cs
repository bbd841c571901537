namespace Coap.Security.Oscore;

/// <summary>
/// The cryptography OSCORE needs: AEAD keys (created once per key) and HKDF-SHA-256
/// (RFC 5869). <see cref="BclOscoreCryptoProvider"/> is the default; a hardware or FIPS
/// provider can replace it.
/// </summary>
internal interface IOscoreCryptoProvider
{
    /// <summary>Whether the platform can run the algorithm.</summary>
    bool IsSupported(OscoreAlgorithm algorithm);

    /// <summary>Creates a reusable AEAD for one key of <see cref="OscoreAlgorithm.KeyLength"/> bytes.</summary>
    IOscoreAead CreateAead(OscoreAlgorithm algorithm, ReadOnlySpan<byte> key);

    /// <summary>HKDF-Extract with SHA-256: writes the 32-byte pseudorandom key.</summary>
    void HkdfExtract(ReadOnlySpan<byte> inputKeyMaterial, ReadOnlySpan<byte> salt, Span<byte> pseudoRandomKey);

    /// <summary>HKDF-Expand with SHA-256: fills <paramref name="output"/>.</summary>
    void HkdfExpand(ReadOnlySpan<byte> pseudoRandomKey, ReadOnlySpan<byte> info, Span<byte> output);
}
