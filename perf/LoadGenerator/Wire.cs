using System.Buffers.Binary;
using Coap.Codec;

namespace Coap.LoadGenerator;

/// <summary>The request the generator sends (CON GET with an 8-byte token) and what it checks in answers.</summary>
internal static class Wire
{
    public const int MessageIdOffset = 2;
    public const int TokenOffset = 4;
    public const int TokenLength = 8;
    public const int ReceiveBufferSize = 2048;

    /// <summary>A CON GET for the path with message ID 0 and a zero token, to be patched per request.</summary>
    public static byte[] CreateTemplate(string path)
    {
        var buffer = new byte[1024];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0, new byte[TokenLength]);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            writer.WriteOption(CoapOptionNumber.UriPath, Uri.UnescapeDataString(segment).AsSpan());
        }

        return writer.Written.ToArray();
    }

    /// <summary>Writes a request's message ID and token into its buffer.</summary>
    public static void Stamp(Span<byte> request, ushort messageId, ulong token)
    {
        BinaryPrimitives.WriteUInt16BigEndian(request[MessageIdOffset..], messageId);
        BinaryPrimitives.WriteUInt64BigEndian(request[TokenOffset..], token);
    }

    /// <summary>A token as the number the generator keeps; tokens of other lengths never match.</summary>
    public static ulong TokenOf(ReadOnlySpan<byte> token) =>
        token.Length == TokenLength ? BinaryPrimitives.ReadUInt64BigEndian(token) : ulong.MaxValue;

    /// <summary>The empty ACK that acknowledges a separate CON response.</summary>
    public static void WriteEmptyAck(Span<byte> destination, ushort messageId)
    {
        destination[0] = 0x60;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], messageId);
    }
}

/// <summary>xorshift64*: tokens without locks or allocation, one generator per thread.</summary>
internal struct TokenSource
{
    private ulong _state;

    public TokenSource(ulong seed) => _state = seed | 1;

    public ulong Next()
    {
        var x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        var token = x * 0x2545F4914F6CDD1DUL;
        return token == ulong.MaxValue ? 1 : token;
    }
}

/// <summary>One request in flight.</summary>
internal struct Slot
{
    public ulong Token;
    public long SentAt;
    public ushort MessageId;
    public bool InFlight;
}
