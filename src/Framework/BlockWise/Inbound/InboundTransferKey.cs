using System.Buffers;
using Coap.Codec;
using Coap.Transport;

namespace Coap.BlockWise.Inbound;

/// <summary>
/// Which partial body a block belongs to: the peer and a hash of the request's identity, i.e. the
/// method and every option except the block-wise ones and Observe (RFC 7959 §2.3; Request-Tag is
/// part of it, so concurrent uploads to one resource are separate bodies, RFC 9175 §3.3). Equal
/// hashes are confirmed by comparing the identity bytes.
/// </summary>
internal readonly record struct InboundTransferKey(PeerAddress Peer, int Hash)
{
    /// <summary>Writes the identity of the request into a rented buffer (return it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static byte[] RentIdentity(CoapCode method, CoapOptionsCursor options, ReadOnlySpan<byte> rawOptions, out int length)
    {
        // Each option is written as number (2), length (2) and value: at most 4 bytes more per option
        // than its encoded form, and every option takes at least one byte.
        var buffer = ArrayPool<byte>.Shared.Rent(1 + (rawOptions.Length * 5));
        buffer[0] = method.Value;
        length = 1;
        while (options.MoveNext())
        {
            var number = options.Number;
            if (IsExcluded(number))
            {
                continue;
            }

            var value = options.Value;
            buffer[length] = (byte)(number >> 8);
            buffer[length + 1] = (byte)number;
            buffer[length + 2] = (byte)(value.Length >> 8);
            buffer[length + 3] = (byte)value.Length;
            value.CopyTo(buffer.AsSpan(length + 4));
            length += 4 + value.Length;
        }

        return buffer;
    }

    public static InboundTransferKey Create(in PeerAddress peer, ReadOnlySpan<byte> identity)
    {
        var hash = new HashCode();
        hash.AddBytes(identity);
        return new InboundTransferKey(peer, hash.ToHashCode());
    }

    private static bool IsExcluded(int number) => number is CoapOptionNumber.Block1 or CoapOptionNumber.Block2
        or CoapOptionNumber.QBlock1 or CoapOptionNumber.QBlock2 or CoapOptionNumber.Size1 or CoapOptionNumber.Size2
        or CoapOptionNumber.Observe;
}
