namespace Coap.Endpoint;

/// <summary>Why a request is answered by the messaging layer instead of the handler.</summary>
internal enum RequestRejection : byte
{
    None,
    UnsupportedCriticalOption,
    MalformedCriticalOption,
    RepeatedCriticalOption,
    ProxyingNotSupported,
    PayloadTooLarge,
    MethodNotAllowed,
    Overloaded,

    /// <summary>Block and Q-Block options in one request (RFC 9177 §4.1, QB-07): 4.02.</summary>
    BlockMix,

    /// <summary>Q-Block1 without Request-Tag or Size1 (RFC 9177 §4.3, QB-12): 4.00.</summary>
    QBlockIncomplete,

    /// <summary>Q-Block in an OSCORE-protected request: not offered, 4.02 (protected) so the client falls back to Block.</summary>
    QBlockUnderOscore,
}
