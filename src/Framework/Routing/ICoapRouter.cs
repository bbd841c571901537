using Coap.Discovery;

namespace Coap.Routing;

/// <summary>
/// A router: the request handler the source generator emits for an application's controllers,
/// with its route list and its /.well-known/core document.
/// </summary>
public interface ICoapRouter : ICoapRequestHandler
{
    /// <summary>Every route, for diagnostics and tests.</summary>
    IReadOnlyList<CoapRouteInfo> Routes { get; }

    /// <summary>The RFC 6690 document served at /.well-known/core.</summary>
    LinkFormatDocument Discovery { get; }
}
