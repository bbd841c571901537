using System.Net;

namespace Coap;

/// <summary>Turns a listening URL such as <c>coap://[::]:5683</c> or <c>coap://127.0.0.1:5690</c> into a socket endpoint.</summary>
internal static class EndpointUrl
{
    public static IPEndPoint Parse(string url)
    {
        // Port 0 (any free port) is valid for listening but not in a request URI.
        var anyPort = url.EndsWith(":0", StringComparison.Ordinal) || url.EndsWith(":0/", StringComparison.Ordinal);
        var parsable = anyPort ? url[..url.LastIndexOf(":0", StringComparison.Ordinal)] : url;
        if (!CoapUri.TryParse(parsable, out var parts))
        {
            throw new FormatException($"'{url}' is not a valid endpoint URL; expected e.g. coap://[::]:5683 or coap://127.0.0.1:5690.");
        }

        if (parts.IsSecure)
        {
            throw new NotSupportedException($"'{url}': coaps:// (DTLS) endpoints are not supported.");
        }

        if (parts.PathSegments.Count > 0 || parts.QueryParameters.Count > 0)
        {
            throw new FormatException($"'{url}': an endpoint URL has no path or query.");
        }

        var address = parts.Host switch
        {
            "*" or "+" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(parts.Host, out var literal) => literal,
            _ => throw new FormatException($"'{url}': listen on an IP address, '*' or 'localhost', not '{parts.Host}'."),
        };
        return new IPEndPoint(address, anyPort ? 0 : parts.Port);
    }
}
