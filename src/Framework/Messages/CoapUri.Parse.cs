using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Coap;

/// <content>Parsing (RFC 7252 §6.1, §6.2, §6.4 steps 1–4, RFC 3986, RFC 6874).</content>
public static partial class CoapUri
{
    /// <summary>
    /// Parses a "coap://host[:port]/path?query" or "coaps://…" URI (RFC 7252 §6.1, §6.2). Dot segments are
    /// removed (RFC 3986 §5.2.4), the host of a registered name is lower-cased, and every component is
    /// percent-decoded as RFC 7252 §6.4 prescribes.
    /// </summary>
    /// <param name="uri">The URI text.</param>
    /// <returns>The parsed components.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The URI is relative, has another scheme, a fragment, user information, an empty or malformed host, a bad
    /// port, a character RFC 3986 does not allow where it stands, bad percent-encoding (including encoded bytes
    /// that are not UTF-8), or a component longer than the 255 bytes an option can carry.
    /// </exception>
    public static CoapUriParts Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var error = TryParseCore(uri, out var parts);
        return error is null ? parts! : throw new FormatException($"Invalid CoAP URI '{uri}': {error}");
    }

    /// <summary>Parses a URI as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    /// <param name="uri">The URI text; null fails.</param>
    /// <param name="parts">The parsed components, or null.</param>
    /// <returns>Whether the URI is a valid CoAP URI.</returns>
    public static bool TryParse([NotNullWhen(true)] string? uri, [NotNullWhen(true)] out CoapUriParts? parts)
    {
        parts = null;
        return uri is not null && TryParseCore(uri, out parts) is null;
    }

    /// <summary>Parses a URI; returns null on success or the reason it is invalid.</summary>
    private static string? TryParseCore(string uri, out CoapUriParts? parts)
    {
        parts = null;

        // Step 1 and 3: an absolute URI whose scheme is "coap" or "coaps".
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(uri.AsSpan(0, colon)))
        {
            return "it is not an absolute URI (expected \"coap://host/path\").";
        }

        var scheme = uri[..colon].ToLowerInvariant();
        if (scheme is not (SchemeName or SecureSchemeName))
        {
            return $"the scheme '{uri[..colon]}' is not supported; expected 'coap' or 'coaps'.";
        }

        // Step 4: fragments are not part of a request URI.
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            return $"it has a fragment ('#' at position {hash}), which a CoAP request URI must not have (RFC 7252 §6.4).";
        }

        if (!uri.AsSpan(colon + 1).StartsWith("//"))
        {
            return "it has no authority; expected '//' and a host after the scheme.";
        }

        var authorityStart = colon + 3;
        var authorityEnd = uri.AsSpan(authorityStart).IndexOfAny('/', '?');
        authorityEnd = authorityEnd < 0 ? uri.Length : authorityStart + authorityEnd;
        var error = ParseAuthority(uri.AsSpan(authorityStart, authorityEnd - authorityStart), GetDefaultPort(scheme == SecureSchemeName), out var host, out var isIpLiteral, out var port);
        if (error is not null)
        {
            return error;
        }

        var queryStart = uri.IndexOf('?', authorityEnd);
        var pathEnd = queryStart < 0 ? uri.Length : queryStart;
        error = ParsePath(uri[authorityEnd..pathEnd], out var segments);
        if (error is not null)
        {
            return error;
        }

        var arguments = Array.Empty<string>();
        if (queryStart >= 0)
        {
            error = ParseQuery(uri.AsSpan(queryStart + 1), out arguments);
            if (error is not null)
            {
                return error;
            }
        }

        parts = new CoapUriParts(scheme, host!, isIpLiteral, port, Array.AsReadOnly(segments), Array.AsReadOnly(arguments));
        return null;
    }

    /// <summary>RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).</summary>
    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses path-abempty: removes dot segments and splits into decoded segments (step 8).</summary>
    private static string? ParsePath(string path, out string[] segments)
    {
        segments = [];
        var error = CheckCharacters(path, c => c == '/' || IsPathCharacter(c), "path");
        if (error is not null)
        {
            return error;
        }

        path = RemoveDotSegments(path);
        if (path.Length <= 1)
        {
            // "" or "/": no Uri-Path Option.
            return null;
        }

        var raw = path[1..].Split('/');
        var decoded = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            error = TryDecode(raw[i], "path segment", out decoded[i]);
            if (error is not null)
            {
                return error;
            }
        }

        segments = decoded;
        return null;
    }

    /// <summary>Parses the query: splits on '&amp;' into decoded arguments (step 9).</summary>
    private static string? ParseQuery(ReadOnlySpan<char> query, out string[] arguments)
    {
        arguments = [];
        var error = CheckCharacters(query, c => c is '/' or '?' || IsPathCharacter(c), "query");
        if (error is not null)
        {
            return error;
        }

        var raw = query.ToString().Split('&');
        var decoded = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            error = TryDecode(raw[i], "query argument", out decoded[i]);
            if (error is not null)
            {
                return error;
            }
        }

        arguments = decoded;
        return null;
    }

    /// <summary>RFC 3986 §5.2.4 remove_dot_segments.</summary>
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var input = path.AsSpan();
        var output = new StringBuilder(path.Length);
        while (!input.IsEmpty)
        {
            if (input.StartsWith("../"))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./"))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./"))
            {
                input = input[2..];
            }
            else if (input is "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../") || input is "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                var lastSlash = output.ToString().LastIndexOf('/');
                output.Length = Math.Max(lastSlash, 0);
            }
            else if (input is "." or "..")
            {
                input = default;
            }
            else
            {
                var next = input[1..].IndexOf('/');
                var end = next < 0 ? input.Length : next + 1;
                output.Append(input[..end]);
                input = input[end..];
            }
        }

        return output.ToString();
    }

    /// <summary>Checks that every character is allowed or a well-formed percent-encoding.</summary>
    private static string? CheckCharacters(ReadOnlySpan<char> text, Func<char, bool> allowed, string component)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return $"the {component} has a '%' not followed by two hexadecimal digits.";
                }

                i += 2;
            }
            else if (!allowed(c))
            {
                return c is < ' ' or > '~'
                    ? $"the {component} contains the character U+{(int)c:X4}, which must be percent-encoded."
                    : $"the {component} contains '{c}', which is not allowed there.";
            }
        }

        return null;
    }

    /// <summary>Decodes percent-encodings (already checked well-formed) and requires UTF-8 with at most 255 bytes.</summary>
    private static string? TryDecode(string text, string component, out string value)
    {
        value = text;
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text.Length > MaxOptionLength ? TooLong(component, text.Length) : null;
        }

        var bytes = new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                bytes[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = (byte)text[i];
            }
        }

        var span = bytes.AsSpan(0, length);
        if (!Utf8.IsValid(span))
        {
            return $"the {component} '{text}' percent-encodes bytes that are not valid UTF-8.";
        }

        if (length > MaxOptionLength)
        {
            return TooLong(component, length);
        }

        value = Encoding.UTF8.GetString(span);
        return null;
    }

    private static string TooLong(string component, int length) =>
        $"a {component} is {length} bytes long; at most {MaxOptionLength} fit in an option.";

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
