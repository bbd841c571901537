using System.Text;

namespace Coap;

/// <summary>
/// The components of a parsed "coap" or "coaps" URI (RFC 7252 §6.1, §6.2), in the form the request
/// options carry them: every value is already percent-decoded, so a "%2F" inside a path segment is
/// a character of that segment, never a separator. Build one with <see cref="CoapUri.Parse"/>.
/// </summary>
/// <param name="Scheme">"coap" or "coaps", in lower case.</param>
/// <param name="Host">
/// For a registered name, the value a Uri-Host Option carries: converted to ASCII lower case and then
/// percent-decoded (RFC 7252 §6.4 step 5). For an IPv4 address, the dotted address as written. For an
/// IPv6 literal, the address without brackets, followed by "%" and the decoded zone ID when it has one
/// (e.g. "fe80::1%eth0"), the form <see cref="System.Net.IPAddress.Parse(string)"/> accepts.
/// </param>
/// <param name="HostIsIpLiteral">True when the host is an IPv6 literal or a dotted IPv4 address, which need no Uri-Host Option.</param>
/// <param name="Port">The port: the explicit one, or the scheme's default (<see cref="CoapUri.DefaultPort"/>, <see cref="CoapUri.DefaultSecurePort"/>).</param>
/// <param name="PathSegments">
/// The percent-decoded path segments after dot-segment removal, one per Uri-Path Option; empty for the
/// paths "" and "/". A trailing slash yields an empty final segment ("/a/" gives "a" and "").
/// </param>
/// <param name="QueryParameters">
/// The percent-decoded query arguments split on '&amp;', one per Uri-Query Option; empty when the URI
/// has no query ("?" alone gives one empty argument).
/// </param>
public sealed record CoapUriParts(
    string Scheme,
    string Host,
    bool HostIsIpLiteral,
    int Port,
    IReadOnlyList<string> PathSegments,
    IReadOnlyList<string> QueryParameters)
{
    /// <summary>Whether the scheme is "coaps" (DTLS).</summary>
    public bool IsSecure => string.Equals(Scheme, "coaps", StringComparison.OrdinalIgnoreCase);

    /// <summary>Value equality, comparing the segment and argument lists element by element.</summary>
    public bool Equals(CoapUriParts? other) =>
        other is not null
        && string.Equals(Scheme, other.Scheme, StringComparison.Ordinal)
        && string.Equals(Host, other.Host, StringComparison.Ordinal)
        && HostIsIpLiteral == other.HostIsIpLiteral
        && Port == other.Port
        && PathSegments.SequenceEqual(other.PathSegments, StringComparer.Ordinal)
        && QueryParameters.SequenceEqual(other.QueryParameters, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Scheme, StringComparer.Ordinal);
        hash.Add(Host, StringComparer.Ordinal);
        hash.Add(HostIsIpLiteral);
        hash.Add(Port);
        foreach (var segment in PathSegments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        hash.Add('?');
        foreach (var argument in QueryParameters)
        {
            hash.Add(argument, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Scheme = ").Append(Scheme)
            .Append(", Host = ").Append(Host)
            .Append(", HostIsIpLiteral = ").Append(HostIsIpLiteral)
            .Append(", Port = ").Append(Port)
            .Append(", PathSegments = [").AppendJoin(", ", PathSegments.Select(s => $"\"{s}\""))
            .Append("], QueryParameters = [").AppendJoin(", ", QueryParameters.Select(s => $"\"{s}\""))
            .Append(']');
        return true;
    }
}
