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
}
