using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coap.BlockWise.Upload;

/// <summary>
/// Request-Tag values (RFC 9175 §3) for request bodies: 8 bytes, a random start then incremented, so
/// every body a client sends gets its own tag (RFC 9177 §4.3 MUST, RFC 7959 concurrent uploads).
/// </summary>
internal sealed class RequestTagSource
{
    private ulong _next = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(sizeof(ulong)));

    /// <summary>The next tag.</summary>
    public byte[] Next()
    {
        var tag = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(tag, Interlocked.Increment(ref _next));
        return tag;
    }
}
