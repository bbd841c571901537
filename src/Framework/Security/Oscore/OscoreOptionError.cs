namespace Coap.Security.Oscore;

/// <summary>Why an OSCORE option value does not decode (RFC 8613 §6.1); each is a "Failed to decode COSE".</summary>
internal enum OscoreOptionError : byte
{
    /// <summary>The value decoded.</summary>
    None,

    /// <summary>A reserved flag bit (0x40, 0x80) is set.</summary>
    ReservedFlagBits,

    /// <summary>n, the Partial IV length, is 6 or 7 (reserved).</summary>
    ReservedPartialIvLength,

    /// <summary>The value ends inside the Partial IV, the kid context length or the kid context.</summary>
    Truncated,

    /// <summary>Bytes follow the last field although the k flag is clear.</summary>
    TrailingBytes,

    /// <summary>A one-byte value 0x00: with all flags clear the value must be empty.</summary>
    NonEmptyWithoutFlags,
}
