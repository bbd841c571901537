namespace Coap.Security.Oscore;

/// <summary>
/// A Partial IV (RFC 8613 §6.1) kept inline: the value and its byte length, so the bytes seen
/// on the wire are reproduced exactly. A sequence number encodes in the fewest bytes, and 0 as
/// the single byte 0x00.
/// </summary>
internal readonly record struct OscorePartialIv(ulong Value, byte Length)
{
    /// <summary>The Partial IV for a sequence number, in its shortest form.</summary>
    public static OscorePartialIv FromSequenceNumber(ulong sequenceNumber)
    {
        byte length = 1;
        while (length < 8 && (sequenceNumber >> (8 * length)) != 0)
        {
            length++;
        }

        return new OscorePartialIv(sequenceNumber, length);
    }

    /// <summary>Reads the bytes of an option (1–5 bytes; larger inputs are rejected by the option decoder).</summary>
    public static OscorePartialIv FromBytes(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return new OscorePartialIv(value, (byte)bytes.Length);
    }

    /// <summary>Writes the big-endian bytes and returns <see cref="Length"/>.</summary>
    public int Write(Span<byte> destination)
    {
        for (var i = 0; i < Length; i++)
        {
            destination[Length - 1 - i] = (byte)(Value >> (8 * i));
        }

        return Length;
    }
}
