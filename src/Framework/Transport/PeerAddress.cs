using System.Net;
using System.Net.Sockets;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Coap.Transport;

/// <summary>
/// A remote endpoint as the raw bytes of its socket address: comparing and hashing it, and
/// copying it into a <see cref="SocketAddress"/> to send, allocate nothing. Per-peer tables
/// key on it.
/// </summary>
internal readonly struct PeerAddress : IEquatable<PeerAddress>
{
    public const int MaxSize = 32;
    private readonly AddressBytes _bytes;
    private readonly byte _length;

    public PeerAddress(SocketAddress address)
    {
        var size = Math.Min(address.Size, MaxSize);
        address.Buffer.Span[..size].CopyTo(_bytes);
        _length = (byte)size;
    }

    public bool IsEmpty => _length == 0;

    [UnscopedRef]
    private ReadOnlySpan<byte> Bytes => ((ReadOnlySpan<byte>)_bytes)[.._length];

    public static PeerAddress FromEndPoint(IPEndPoint endPoint) => new(endPoint.Serialize());

    public void CopyTo(SocketAddress target)
    {
        Bytes.CopyTo(target.Buffer.Span);
        target.Size = _length;
    }

    public IPEndPoint ToEndPoint()
    {
        var address = new SocketAddress(_length >= 28 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, _length);
        CopyTo(address);
        var template = address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return (IPEndPoint)new IPEndPoint(template, 0).Create(address);
    }

    public bool Equals(PeerAddress other) =>
        _length == other._length && Words(in this).SequenceEqual(Words(in other));

    public override bool Equals(object? obj) => obj is PeerAddress other && Equals(other);

    public override int GetHashCode()
    {
        // Bytes past the length are always zero, so hashing all four words is exact.
        var words = Words(in this);
        return HashCode.Combine(words[0], words[1], words[2], words[3], _length);
    }

    public override string ToString() => IsEmpty ? "(none)" : ToEndPoint().ToString();

    private static ReadOnlySpan<ulong> Words(in PeerAddress address) =>
        MemoryMarshal.Cast<byte, ulong>((ReadOnlySpan<byte>)address._bytes);

    [InlineArray(MaxSize)]
    private struct AddressBytes
    {
        private byte _element;
    }
}
