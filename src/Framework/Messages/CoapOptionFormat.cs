namespace Coap;

/// <summary>Option value formats (RFC 7252 §3.2).</summary>
public enum CoapOptionFormat : byte
{
    /// <summary>A zero-length value.</summary>
    Empty,

    /// <summary>An opaque byte sequence.</summary>
    Opaque,

    /// <summary>A non-negative integer in network byte order, without leading zero bytes.</summary>
    UInt,

    /// <summary>A UTF-8 string (Net-Unicode, RFC 5198).</summary>
    String,
}
