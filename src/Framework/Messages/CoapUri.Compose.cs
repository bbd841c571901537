using System.Globalization;
using System.Text;

namespace Coap;

/// <content>Composition (RFC 7252 §6.5).</content>
public static partial class CoapUri
{
    /// <summary>
    /// Composes the URI a request targets from its Uri-Host, Uri-Port, Uri-Path and Uri-Query Options
    /// (RFC 7252 §6.5). Without a Uri-Host Option the destination host is used, and without a Uri-Port Option
    /// the destination port; the scheme's default port is left out. Path segments keep unreserved characters,
    /// sub-delims, ':' and '@' literal; query arguments also keep '/' and '?' but percent-encode '&amp;'.
    /// Everything else is percent-encoded byte by byte in UTF-8 with upper-case hexadecimal digits.
    /// </summary>
    /// <param name="options">The request options; other option numbers are ignored, and the first Uri-Host and Uri-Port count.</param>
    /// <param name="destinationHost">
    /// The request's destination: an IPv4 address, an IPv6 address with or without brackets (a zone ID after a
    /// single '%', e.g. "fe80::1%eth0", is written "%25eth0"), or a host name.
    /// </param>
    /// <param name="destinationPort">The request's destination UDP port.</param>
    /// <param name="secure">Whether the request is secured with DTLS ("coaps").</param>
    /// <returns>The absolute URI, e.g. "coap://example.com/sensors/temp?unit=C".</returns>
    /// <exception cref="ArgumentException">
    /// No Uri-Host Option is present and <paramref name="destinationHost"/> is empty or not a valid host.
    /// </exception>
    /// <exception cref="FormatException">
    /// The Uri-Host Option is not a valid reg-name, IP literal or IPv4 address once non-ASCII bytes and '%' are
    /// percent-encoded, or the Uri-Port Option exceeds 65535.
    /// </exception>
    public static string Compose(IEnumerable<CoapOption> options, string destinationHost, int destinationPort, bool secure = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)destinationPort, (uint)ushort.MaxValue, nameof(destinationPort));

        ReadOnlyMemory<byte>? uriHost = null;
        uint? uriPort = null;
        var path = new StringBuilder();
        var query = new StringBuilder();
        foreach (var option in options)
        {
            switch (option.Number)
            {
                case CoapOptionNumber.UriHost:
                    uriHost ??= option.Value;
                    break;
                case CoapOptionNumber.UriPort:
                    uriPort ??= option.GetUInt();
                    break;
                case CoapOptionNumber.UriPath:
                    path.Append('/');
                    AppendEncoded(path, option.Value.Span, IsPathCharacter);
                    break;
                case CoapOptionNumber.UriQuery:
                    query.Append(query.Length == 0 ? '?' : '&');
                    AppendEncoded(query, option.Value.Span, IsQueryArgumentCharacter);
                    break;
            }
        }

        // Steps 1–3: scheme and host.
        var url = new StringBuilder(secure ? "coaps://" : "coap://");
        if (uriHost is { } hostValue)
        {
            var error = TryFormatHost(hostValue.Span, url);
            if (error is not null)
            {
                throw new FormatException($"The Uri-Host Option cannot be written in a URI: {error}");
            }
        }
        else
        {
            ArgumentException.ThrowIfNullOrEmpty(destinationHost);
            var error = TryFormatHost(Encoding.UTF8.GetBytes(destinationHost), url);
            if (error is not null)
            {
                throw new ArgumentException($"The destination host cannot be written in a URI: {error}", nameof(destinationHost));
            }
        }

        // Steps 4–5: the port, unless it is the scheme's default.
        var port = uriPort ?? (uint)destinationPort;
        if (port > ushort.MaxValue)
        {
            throw new FormatException($"The Uri-Port Option value {port} exceeds 65535.");
        }

        if (port != GetDefaultPort(secure))
        {
            url.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        // Steps 6–9: path ("/" when there is none) and query.
        if (path.Length == 0)
        {
            url.Append('/');
        }
        else
        {
            url.Append(path);
        }

        return url.Append(query).ToString();
    }

    /// <summary>Characters left literal in a query argument: pchar without '&amp;', plus '/' and '?'.</summary>
    private static bool IsQueryArgumentCharacter(char c) => c is '/' or '?' || (c != '&' && IsPathCharacter(c));

    /// <summary>Appends a value, percent-encoding every byte that is not ASCII or not allowed literally.</summary>
    private static void AppendEncoded(StringBuilder builder, ReadOnlySpan<byte> value, Func<char, bool> literal)
    {
        foreach (var b in value)
        {
            if (b < 0x80 && literal((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(ToHexDigit(b >> 4)).Append(ToHexDigit(b & 0xF));
            }
        }
    }

    private static char ToHexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    /// <summary>
    /// Appends a host (step 2): an IPv6 address in brackets with any zone ID written "%25zone", an IPv4 address
    /// as is, or a reg-name with non-ASCII bytes and '%' percent-encoded. Returns why it cannot, or null.
    /// </summary>
    private static string? TryFormatHost(ReadOnlySpan<byte> value, StringBuilder url)
    {
        if (value.IsEmpty)
        {
            return "the host is empty.";
        }

        if (Ascii.IsValid(value))
        {
            var text = Encoding.ASCII.GetString(value);
            if (text.StartsWith('['))
            {
                if (!text.EndsWith(']') || ParseIPLiteral(text.AsSpan(1, text.Length - 2), out _) is not null)
                {
                    return $"'{text}' is not a valid IP literal.";
                }

                url.Append(text);
                return null;
            }

            var percent = text.IndexOf('%', StringComparison.Ordinal);
            var address = percent < 0 ? text : text[..percent];
            if (IsIPv6Address(address))
            {
                if (percent == text.Length - 1)
                {
                    return $"the IPv6 zone ID of '{text}' is empty.";
                }

                url.Append('[').Append(address);
                if (percent >= 0)
                {
                    url.Append("%25");
                    AppendEncoded(url, value[(percent + 1)..], IsUnreserved);
                }

                url.Append(']');
                return null;
            }

            if (IsIPv4Address(text))
            {
                url.Append(text);
                return null;
            }
        }

        foreach (var b in value)
        {
            if (b < 0x80 && b != '%' && !IsRegNameCharacter((char)b))
            {
                return $"the host '{Encoding.UTF8.GetString(value)}' is not a valid reg-name, IP literal or IPv4 address.";
            }
        }

        AppendEncoded(url, value, IsRegNameCharacter);
        return null;
    }
}
