namespace Coap.Codec;

/// <summary>Why a datagram is not a well-formed CoAP message (RFC 7252 §3).</summary>
public enum CoapFormatError : byte
{
    /// <summary>The message is well formed.</summary>
    None,

    /// <summary>Shorter than the 4-byte header.</summary>
    TooShort,

    /// <summary>Version is not 1; RFC 7252 §3 says to ignore such messages silently.</summary>
    UnknownVersion,

    /// <summary>Token length 9–15 (reserved).</summary>
    InvalidTokenLength,

    /// <summary>The datagram ends inside the token.</summary>
    TruncatedToken,

    /// <summary>An option delta or length nibble is 15 without being the payload marker.</summary>
    ReservedOptionNibble,

    /// <summary>The datagram ends inside an option's extended delta, extended length or value.</summary>
    TruncatedOption,

    /// <summary>The option number exceeds 65535.</summary>
    OptionNumberOverflow,

    /// <summary>A payload marker followed by a zero-length payload.</summary>
    EmptyPayloadAfterMarker,

    /// <summary>An Empty message (code 0.00) with a token, options or payload (RFC 7252 §4.1).</summary>
    NonEmptyEmptyMessage,
}
