namespace Coap.Codec;

/// <summary>The fixed 4-byte header of a CoAP message over UDP (RFC 7252 §3).</summary>
/// <param name="Type">The message type.</param>
/// <param name="TokenLength">The token length, 0–8.</param>
/// <param name="Code">The code.</param>
/// <param name="MessageId">The message ID.</param>
public readonly record struct CoapHeader(CoapMessageType Type, int TokenLength, CoapCode Code, ushort MessageId)
{
    /// <summary>The header size in bytes.</summary>
    public const int Size = 4;

    /// <summary>The only version defined (RFC 7252 §3).</summary>
    public const int Version = 1;

    /// <summary>The largest token length (RFC 7252 §3).</summary>
    public const int MaxTokenLength = 8;

    /// <summary>
    /// Reads the header fields, if at least four bytes are present, without judging the rest.
    /// Used to decide whether to answer a malformed message with RST.
    /// </summary>
    public static bool TryPeek(ReadOnlySpan<byte> datagram, out CoapHeader header, out int version)
    {
        if (datagram.Length < Size)
        {
            header = default;
            version = 0;
            return false;
        }

        version = datagram[0] >> 6;
        header = new CoapHeader(
            (CoapMessageType)((datagram[0] >> 4) & 0x3),
            datagram[0] & 0xF,
            new CoapCode(datagram[1]),
            (ushort)((datagram[2] << 8) | datagram[3]));
        return true;
    }
}
