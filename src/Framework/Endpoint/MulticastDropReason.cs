namespace Coap.Endpoint;

/// <summary>Why a datagram that arrived via multicast was dropped before any request processing.</summary>
internal enum MulticastDropReason
{
    /// <summary>Not a well-formed CoAP message: no Reset goes to a multicast sender.</summary>
    Malformed,

    /// <summary>An empty message, a response or a reserved code: only requests are sent to groups.</summary>
    NotRequest,

    /// <summary>A confirmable (or ACK/RST) message: group requests are NON (RFC 7252 §8.1).</summary>
    Confirmable,

    /// <summary>Uri-Host names a group this server is not a member of (groupcomm-bis §2.1).</summary>
    UnknownUriHost,
}
