using System.Globalization;

namespace Coap;

/// <summary>Authority parsing: host (registered name, IPv4, IPv6 literal with zone) and port.</summary>
public static partial class CoapUri
{
    /// <summary>Parses host [ ":" port ]; step 5 (host conversion) and step 6 (default port).</summary>
    private static string? ParseAuthority(ReadOnlySpan<char> authority, int defaultPort, out string? host, out bool isIpLiteral, out int port)
    {
        host = null;
        isIpLiteral = false;
        port = defaultPort;
        if (authority.Contains('@'))
        {
            return "user information ('user@') is not allowed in a CoAP URI.";
        }

        ReadOnlySpan<char> rest;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return "the IP literal has no closing ']'.";
            }

            var error = ParseIPLiteral(authority[1..close], out host);
            if (error is not null)
            {
                return error;
            }

            isIpLiteral = true;
            rest = authority[(close + 1)..];
            if (!rest.IsEmpty && rest[0] != ':')
            {
                return "unexpected characters after the IP literal; expected ':' and a port, '/', '?' or the end.";
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            var hostText = colon < 0 ? authority : authority[..colon];
            rest = colon < 0 ? default : authority[colon..];
            if (hostText.IsEmpty)
            {
                return "the host is empty.";
            }

            if (IsIPv4Address(hostText))
            {
                host = hostText.ToString();
                isIpLiteral = true;
            }
            else
            {
                var error = CheckCharacters(hostText, IsRegNameCharacter, "host");
                if (error is not null)
                {
                    return error;
                }

                // RFC 7252 §6.4 step 5: converted to ASCII lower case, then percent-decoded.
                error = TryDecode(hostText.ToString().ToLowerInvariant(), "host", out host);
                if (error is not null)
                {
                    return error;
                }
            }
        }

        if (rest.Length <= 1)
        {
            // No port, or an empty one ("host:"): the scheme's default (RFC 3986 §6.2.3).
            return null;
        }

        var digits = rest[1..];
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return $"the port '{digits}' is not a decimal number.";
            }
        }

        var trimmed = digits.TrimStart('0');
        if (trimmed.Length > 5 || !int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > ushort.MaxValue)
        {
            port = defaultPort;
            return $"the port '{digits}' is outside 1–65535.";
        }

        return null;
    }

    /// <summary>Parses the inside of "[…]": IPv6address [ "%25" ZoneID ] (RFC 3986 §3.2.2, RFC 6874).</summary>
    private static string? ParseIPLiteral(ReadOnlySpan<char> literal, out string? host)
    {
        host = null;
        if (!literal.IsEmpty && (literal[0] is 'v' or 'V'))
        {
            return "IPvFuture literals are not supported.";
        }

        var percent = literal.IndexOf('%');
        var address = percent < 0 ? literal : literal[..percent];
        if (!IsIPv6Address(address))
        {
            return $"'[{literal}]' is not a valid IPv6 literal.";
        }

        if (percent < 0)
        {
            host = address.ToString();
            return null;
        }

        // RFC 6874: the '%' introducing a zone ID is itself percent-encoded as "%25".
        var zone = literal[(percent + 1)..];
        if (!zone.StartsWith("25") || zone.Length == 2)
        {
            return "an IPv6 zone ID must be written as '%25' followed by the zone (RFC 6874).";
        }

        zone = zone[2..];
        var error = CheckCharacters(zone, IsUnreserved, "IPv6 zone ID");
        if (error is not null)
        {
            return error;
        }

        error = TryDecode(zone.ToString(), "IPv6 zone ID", out var decodedZone);
        if (error is not null)
        {
            return error;
        }

        host = $"{address}%{decodedZone}";
        return null;
    }
}
