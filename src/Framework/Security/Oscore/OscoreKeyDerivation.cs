using System.Security.Cryptography;
using Coap.Cbor;

namespace Coap.Security.Oscore;

/// <summary>
/// RFC 8613 §3.2.1: output = HKDF-SHA-256(salt = Master Salt, IKM = Master Secret, info, L) with
/// info = CBOR <c>[id, id_context / nil, alg_aead, type, L]</c>.
/// </summary>
internal static class OscoreKeyDerivation
{
    /// <summary>The type string for keys.</summary>
    public const string KeyType = "Key";

    /// <summary>The type string for the Common IV.</summary>
    public const string IvType = "IV";

    /// <summary>Encodes the info array.</summary>
    /// <param name="id">The Sender ID or Recipient ID, or empty for the Common IV.</param>
    /// <param name="idContext">The ID Context, or null when there is none (encoded as nil).</param>
    /// <param name="algorithm">The AEAD algorithm (its COSE id is encoded as an int).</param>
    /// <param name="type">"Key" or "IV".</param>
    /// <param name="length">L, the output length in bytes.</param>
    public static byte[] BuildInfo(ReadOnlySpan<byte> id, byte[]? idContext, OscoreAlgorithm algorithm, string type, int length)
    {
        var writer = new CborWriter(initialCapacity: 32 + id.Length + (idContext?.Length ?? 0));
        writer.WriteStartArray(5);
        writer.WriteByteString(id);
        if (idContext is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(idContext);
        }

        writer.WriteInt32(algorithm.CoseId);
        writer.WriteTextString(type);
        writer.WriteInt32(length);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Derives one output from the master secret and salt.</summary>
    public static void Derive(
        IOscoreCryptoProvider crypto,
        ReadOnlySpan<byte> masterSecret,
        ReadOnlySpan<byte> masterSalt,
        ReadOnlySpan<byte> info,
        Span<byte> output)
    {
        Span<byte> prk = stackalloc byte[32];
        try
        {
            crypto.HkdfExtract(masterSecret, masterSalt, prk);
            crypto.HkdfExpand(prk, info, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
