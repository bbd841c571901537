using System.Text;

namespace Coap;

/// <summary>
/// CoAP URIs (RFC 7252 §6): parsing "coap" and "coaps" URIs, decomposing them into the Uri-Host,
/// Uri-Port, Uri-Path and Uri-Query Options of a request (§6.4) and composing them back (§6.5).
/// </summary>
/// <remarks>
/// The parser is written against the RFC 3986 grammar rather than <see cref="Uri"/>, which re-encodes
/// and normalises components in ways that would change the option values.
/// </remarks>
public static partial class CoapUri
{
    /// <summary>The default port of the "coap" scheme (RFC 7252 §6.1).</summary>
    public const int DefaultPort = 5683;

    /// <summary>The default port of the "coaps" scheme (RFC 7252 §6.2).</summary>
    public const int DefaultSecurePort = 5684;

    /// <summary>The "coap" scheme name.</summary>
    public const string SchemeName = "coap";

    /// <summary>The "coaps" scheme name.</summary>
    public const string SecureSchemeName = "coaps";

    /// <summary>The longest value a Uri-Host, Uri-Path or Uri-Query Option can carry (RFC 7252 §5.10).</summary>
    private const int MaxOptionLength = 255;

    /// <summary>The default port of a scheme.</summary>
    public static int GetDefaultPort(bool secure) => secure ? DefaultSecurePort : DefaultPort;

    /// <summary>
    /// Appends the options that identify the target resource (RFC 7252 §6.4 steps 5–9): Uri-Host unless the
    /// host is an IP literal or IPv4 address, Uri-Port unless the port equals <paramref name="destinationPort"/>,
    /// one Uri-Path per path segment and one Uri-Query per query argument. Nothing is added when the parts
    /// cannot be carried (an empty host, a value longer than 255 bytes, a port outside 1–65535).
    /// </summary>
    /// <param name="parts">The URI components, e.g. from <see cref="Parse"/>; their values are used as they are.</param>
    /// <param name="options">The collection the options are added to.</param>
    /// <param name="destinationPort">The UDP port the request is sent to.</param>
    /// <exception cref="ArgumentException">The parts cannot be expressed as options.</exception>
    public static void AddOptions(CoapUriParts parts, CoapOptionCollection options, int destinationPort)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)destinationPort, (uint)ushort.MaxValue, nameof(destinationPort));
        ArgumentNullException.ThrowIfNull(parts.PathSegments, nameof(parts));
        ArgumentNullException.ThrowIfNull(parts.QueryParameters, nameof(parts));
        if (string.IsNullOrEmpty(parts.Host))
        {
            throw new ArgumentException("The URI host is empty.", nameof(parts));
        }

        if (parts.Port is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"The URI port {parts.Port} is outside 1–65535.", nameof(parts));
        }

        // Build every option first so that invalid parts leave the collection untouched.
        var pending = new List<CoapOption>(2 + parts.PathSegments.Count + parts.QueryParameters.Count);
        if (!parts.HostIsIpLiteral)
        {
            pending.Add(CreateStringOption(CoapOptionNumber.UriHost, parts.Host, "Uri-Host"));
        }

        if (parts.Port != destinationPort)
        {
            pending.Add(CoapOption.FromUInt(CoapOptionNumber.UriPort, (uint)parts.Port));
        }

        foreach (var segment in parts.PathSegments)
        {
            pending.Add(CreateStringOption(CoapOptionNumber.UriPath, segment, "Uri-Path"));
        }

        foreach (var argument in parts.QueryParameters)
        {
            pending.Add(CreateStringOption(CoapOptionNumber.UriQuery, argument, "Uri-Query"));
        }

        foreach (var option in pending)
        {
            options.Add(option);
        }
    }

    /// <summary>
    /// Parses a URI and appends its options as <see cref="AddOptions(CoapUriParts, CoapOptionCollection, int)"/>
    /// does, taking the URI's own port as the destination port (so no Uri-Port Option is added).
    /// </summary>
    /// <param name="uri">A "coap://" or "coaps://" URI.</param>
    /// <param name="options">The collection the options are added to.</param>
    /// <returns>The parsed parts, whose host and port give the destination.</returns>
    /// <exception cref="FormatException">The URI is not a valid CoAP URI.</exception>
    public static CoapUriParts AddOptions(string uri, CoapOptionCollection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = Parse(uri);
        AddOptions(parts, options, parts.Port);
        return parts;
    }

    private static CoapOption CreateStringOption(int number, string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentException($"A {name} value is null.", "parts");
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > MaxOptionLength)
        {
            throw new ArgumentException($"A {name} value is {bytes.Length} bytes long; at most {MaxOptionLength} fit in the option.", "parts");
        }

        return new CoapOption(number, bytes);
    }

    /// <summary>RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".</summary>
    private static bool IsUnreserved(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    /// <summary>RFC 3986 sub-delims: "!" / "$" / "&amp;" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=".</summary>
    private static bool IsSubDelimiter(char c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    /// <summary>RFC 3986 pchar without pct-encoded: unreserved / sub-delims / ":" / "@".</summary>
    private static bool IsPathCharacter(char c) => IsUnreserved(c) || IsSubDelimiter(c) || c is ':' or '@';

    /// <summary>RFC 3986 reg-name characters without pct-encoded: unreserved / sub-delims.</summary>
    private static bool IsRegNameCharacter(char c) => IsUnreserved(c) || IsSubDelimiter(c);

    /// <summary>RFC 3986 §3.2.2 IPv4address: four dec-octets 0–255 without leading zeros.</summary>
    private static bool IsIPv4Address(ReadOnlySpan<char> text)
    {
        var index = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (index >= text.Length || text[index] != '.')
                {
                    return false;
                }

                index++;
            }

            var start = index;
            var value = 0;
            while (index < text.Length && char.IsAsciiDigit(text[index]) && index - start < 3)
            {
                value = (value * 10) + (text[index] - '0');
                index++;
            }

            var length = index - start;
            if (length == 0 || value > 255 || (length > 1 && text[start] == '0'))
            {
                return false;
            }
        }

        return index == text.Length;
    }

    /// <summary>RFC 3986 §3.2.2 IPv6address: eight h16 groups, at most one "::", optionally ending in an IPv4 address.</summary>
    private static bool IsIPv6Address(ReadOnlySpan<char> text)
    {
        var groups = 0;
        var elided = false;
        var index = 0;
        if (text.StartsWith("::"))
        {
            elided = true;
            index = 2;
            if (text.Length == 2)
            {
                return true;
            }
        }

        while (index < text.Length)
        {
            var start = index;
            while (index < text.Length && char.IsAsciiHexDigit(text[index]))
            {
                index++;
            }

            if (index < text.Length && text[index] == '.')
            {
                // A trailing IPv4 address stands for the last two groups.
                if (!IsIPv4Address(text[start..]))
                {
                    return false;
                }

                groups += 2;
                break;
            }

            if (index - start is 0 or > 4)
            {
                return false;
            }

            groups++;
            if (index == text.Length)
            {
                break;
            }

            if (text[index] != ':')
            {
                return false;
            }

            index++;
            if (index < text.Length && text[index] == ':')
            {
                if (elided)
                {
                    return false;
                }

                elided = true;
                index++;
            }
            else if (index == text.Length)
            {
                return false;
            }
        }

        return elided ? groups <= 7 : groups == 8;
    }
}
