namespace Coap.Interop.Tests.Infrastructure;

/// <summary>What a datagram from <see cref="JunkDatagramGenerator"/> is.</summary>
internal enum JunkKind
{
    /// <summary>0–300 random bytes.</summary>
    RandomBytes,

    /// <summary>A valid message cut short (possibly to nothing).</summary>
    Truncated,

    /// <summary>A valid message with a token length of 9–15.</summary>
    BadTokenLength,

    /// <summary>An option byte with the reserved nibble 15 in delta or length (but not the payload marker).</summary>
    ReservedNibble,

    /// <summary>A valid message with version 0, 2 or 3.</summary>
    BadVersion,

    /// <summary>Option deltas or lengths that overflow 65,535 or run past the end.</summary>
    HugeOptionDelta,

    /// <summary>A valid CON request carrying an unregistered critical option (expects 4.02).</summary>
    UnknownCriticalOption,

    /// <summary>A payload marker followed by nothing.</summary>
    EmptyPayloadAfterMarker,

    /// <summary>Code 0.00 with a token, options or payload.</summary>
    NonEmptyEmptyMessage,

    /// <summary>A code of the reserved classes 1, 6 or 7.</summary>
    ReservedCodeClass,

    /// <summary>ACK or RST carrying a request code, or an empty ACK/RST nobody waits for.</summary>
    WrongMessageType,

    /// <summary>A response nobody asked for.</summary>
    UnsolicitedResponse,

    /// <summary>A request with Proxy-Uri (expects 5.05).</summary>
    ProxyRequest,

    /// <summary>A well-formed request (CON or NON, any method code, random path, payload up to 1,100 bytes).</summary>
    ValidRequest,

    /// <summary>A valid message with one to four bits flipped.</summary>
    BitFlip,
}
