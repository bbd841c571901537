using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coap.Security.Oscore.State;

/// <summary>
/// Names the persistent state of one side of a security context (a Sender ID or a Recipient ID within an
/// ID Context) without revealing it: the lowercase hex SHA-256 of the length-prefixed IDs. File names and
/// log entries use it; it is derived from identifiers only, never from keys or the master secret.
/// </summary>
internal readonly record struct OscoreStateKey
{
    private OscoreStateKey(string hex) => Hex = hex;

    /// <summary>64 lowercase hex digits.</summary>
    public string Hex { get; }

    /// <summary>The first 12 hex digits, enough to tell contexts apart in a log.</summary>
    public string Short => Hex[..12];

    /// <summary>
    /// The key of <paramref name="id"/> (a Sender or Recipient ID, 0–7 bytes in RFC 8613) within
    /// <paramref name="idContext"/> (empty when the context has none). Each part is length-prefixed, so
    /// ("ab", "") and ("a", "b") differ.
    /// </summary>
    public static OscoreStateKey From(ReadOnlySpan<byte> id, ReadOnlySpan<byte> idContext)
    {
        var input = new byte[8 + id.Length + idContext.Length];
        BinaryPrimitives.WriteInt32BigEndian(input, id.Length);
        id.CopyTo(input.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(4 + id.Length), idContext.Length);
        idContext.CopyTo(input.AsSpan(8 + id.Length));
        return new OscoreStateKey(Convert.ToHexStringLower(SHA256.HashData(input)));
    }

    /// <inheritdoc />
    public override string ToString() => Short;
}
