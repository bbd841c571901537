using System.Net;
using System.Net.Sockets;

namespace Coap;

/// <summary>
/// A CoAP group this server is a member of (groupcomm-bis §2.1): an IP multicast address and UDP port, the
/// interfaces to join on, and the host name the group URI gives it (a request's Uri-Host must name a group
/// the server is in).
/// </summary>
/// <param name="Name">The configuration name.</param>
/// <param name="Host">The URI's host: a name, or the address literal (without brackets).</param>
/// <param name="Address">The IP multicast address to join.</param>
/// <param name="Port">The UDP port.</param>
/// <param name="Interfaces">Interface names or indices; empty for the default interface.</param>
public sealed record CoapGroup(string Name, string Host, IPAddress Address, int Port, IReadOnlyList<string> Interfaces)
{
    /// <summary>The CoAP port, also the group port unless configured otherwise.</summary>
    public const int DefaultPort = 5683;

    /// <summary>The group's own Leisure (<see cref="CoapGroupEntry.Leisure"/>); null uses <see cref="CoapGroupOptions.Leisure"/>.</summary>
    public TimeSpan? Leisure { get; init; }

    /// <summary>Checks and parses one configured group; errors name the configuration key.</summary>
    /// <exception cref="InvalidOperationException">The entry is invalid.</exception>
    public static CoapGroup Parse(string name, CoapGroupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(entry);
        var key = "Coap:Groups:Members:" + name;
        if (string.IsNullOrWhiteSpace(entry.Uri))
        {
            throw new InvalidOperationException($"{key}:Uri is required (e.g. coap://group.example:5683/ or coap://224.0.1.187).");
        }

        if (!System.Uri.TryCreate(entry.Uri, UriKind.Absolute, out var uri) || uri.Scheme != "coap")
        {
            throw new InvalidOperationException($"{key}:Uri: '{entry.Uri}' is not a coap:// URI (groups have no DTLS: coaps is not allowed).");
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{key}:Uri: '{entry.Uri}' names a group, so it has only a host and a port.");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var literal = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? ParseAddress(host, key + ":Uri") : null;
        var address = ParseAddress(entry.Address, key + ":Address") ?? literal
            ?? throw new InvalidOperationException($"{key}:Address is required when the URI names a host ('{host}'): give its IP multicast address.");
        if (literal is not null && !literal.Equals(address))
        {
            throw new InvalidOperationException($"{key}:Address: {address} differs from the URI's address {literal}.");
        }

        var uriPort = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        if (entry.Port is { } configured && !uri.IsDefaultPort && configured != uriPort)
        {
            throw new InvalidOperationException($"{key}:Port: {configured} differs from the URI's port {uriPort}.");
        }

        var port = entry.Port ?? uriPort;
        if (port is <= 0 or > 65535)
        {
            throw new InvalidOperationException($"{key}:Port: {port} is not a UDP port.");
        }

        if (port == 5684)
        {
            throw new InvalidOperationException($"{key}:Port: 5684 is the CoAP over DTLS port and must not be used for group communication (groupcomm-bis §3.4).");
        }

        if (entry.Interfaces.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidOperationException($"{key}:Interfaces: an entry is empty.");
        }

        if (entry.Leisure < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{key}:Leisure: {entry.Leisure} is negative.");
        }

        return new CoapGroup(name, host, address, port, entry.Interfaces.ToArray()) { Leisure = entry.Leisure };
    }

    /// <summary>Whether a Uri-Host value names this group: its host name (case-insensitively) or its address literal.</summary>
    public bool IsNamedBy(string uriHost) =>
        string.Equals(uriHost, Host, StringComparison.OrdinalIgnoreCase) ||
        (TryParseLiteral(uriHost, out var literal) && literal.Equals(Address));

    /// <summary>
    /// An address literal from a Uri-Host, brackets and zone removed: a client may send the zone it picked the
    /// interface with (libcoap sends <c>ff02::fd%veth1</c>), which names no group of its own.
    /// </summary>
    internal static bool TryParseLiteral(string uriHost, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? literal)
    {
        var host = uriHost.Trim('[', ']');
        var zone = host.IndexOf('%', StringComparison.Ordinal);
        return IPAddress.TryParse(zone < 0 ? host : host[..zone], out literal);
    }

    private static IPAddress? ParseAddress(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            throw new InvalidOperationException($"{key}: '{text}' is not an IP address.");
        }

        var multicast = address.AddressFamily == AddressFamily.InterNetworkV6
            ? address.IsIPv6Multicast
            : (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
        return multicast ? address : throw new InvalidOperationException($"{key}: {address} is not an IP multicast address.");
    }
}
