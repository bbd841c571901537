using System.Net;

namespace Coap.Observe.Bindings;

/// <summary>
/// Reads the two ends of a binding entry: an absolute path (<c>/a/light</c>) or a <c>coap</c>/<c>coaps</c>
/// URI, and tells whether it names a resource of this server.
/// </summary>
/// <remarks>
/// Kept simple on purpose: an absolute path is local, and so is an absolute URI whose authority is empty,
/// <c>localhost</c> or a loopback address (the port is not compared). Any other host is remote, even if it
/// happens to be one of this server's own addresses. Relative paths without a leading <c>/</c>,
/// network-path references (<c>//host/x</c>) and other schemes are rejected, because a binding engine
/// could not send a request to them.
/// </remarks>
internal static class BindingReference
{
    /// <summary>Parses a reference.</summary>
    /// <param name="reference">The target or anchor as written in the entry.</param>
    /// <param name="localPath">For a local reference, its normalised, percent-decoded path ("/a/light"); otherwise null.</param>
    /// <returns>Whether the reference is usable (local or a valid remote CoAP URI).</returns>
    public static bool TryResolve(string reference, out string? localPath)
    {
        ArgumentNullException.ThrowIfNull(reference);
        localPath = null;
        string uri;
        if (reference.StartsWith('/'))
        {
            if (reference.StartsWith("//", StringComparison.Ordinal))
            {
                return false;
            }

            // Let the URI parser normalise and decode the path as it would for a request.
            uri = "coap://localhost" + reference;
        }
        else
        {
            var authority = reference.IndexOf("://", StringComparison.Ordinal) + 3;
            uri = authority >= 3 && (authority == reference.Length || reference[authority] is '/' or '?')
                ? string.Concat(reference.AsSpan(0, authority), "localhost", reference.AsSpan(authority))
                : reference;
        }

        if (!CoapUri.TryParse(uri, out var parts))
        {
            return false;
        }

        if (IsLoopback(parts.Host))
        {
            localPath = "/" + string.Join('/', parts.PathSegments);
        }

        return true;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
