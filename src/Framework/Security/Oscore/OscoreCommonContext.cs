using System.Security.Cryptography;

namespace Coap.Security.Oscore;

/// <summary>
/// The Common Context (RFC 8613 §3.1): algorithm, ID Context and Common IV. The Common IV is
/// not secret on its own but is kept out of <see cref="ToString"/> anyway.
/// </summary>
internal sealed class OscoreCommonContext
{
    private readonly byte[] _commonIv;

    /// <summary>Creates the common part.</summary>
    public OscoreCommonContext(OscoreAlgorithm algorithm, byte[]? idContext, byte[] commonIv)
    {
        Algorithm = algorithm;
        IdContext = idContext;
        _commonIv = commonIv;
    }

    /// <summary>The AEAD algorithm.</summary>
    public OscoreAlgorithm Algorithm { get; }

    /// <summary>The ID Context, or null when the context has none.</summary>
    public byte[]? IdContext { get; }

    /// <summary>The Common IV, nonce length bytes.</summary>
    public ReadOnlySpan<byte> CommonIv => _commonIv;

    /// <summary>Overwrites the Common IV.</summary>
    internal void Clear() => CryptographicOperations.ZeroMemory(_commonIv);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Algorithm}, ID Context {(IdContext is null ? "none" : Convert.ToHexString(IdContext))}";
}
