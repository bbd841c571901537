using System.Text;

namespace Coap.Discovery;

/// <summary>
/// Reads RFC 6690 link-format (<c>&lt;/a&gt;;rt="x";obs,&lt;/b&gt;</c>) into <see cref="ParsedLink"/>s.
/// </summary>
/// <remarks>
/// <para>The grammar is applied leniently, because real documents (including the figures of
/// draft-ietf-core-dynlink) bend it:</para>
/// <list type="bullet">
/// <item>whitespace, including line breaks, is allowed around links, <c>;</c>, <c>,</c> and <c>=</c>, so folded lines read as one link;</item>
/// <item>a value is a quoted-string (unquoted, <c>\x</c> escapes resolved) or a ptoken-like run of characters up to whitespace, <c>;</c> or <c>,</c>;</item>
/// <item>a parameter without <c>=</c> is bare (value null); <c>name=</c> with nothing after it has the value "";</item>
/// <item>empty parameters (<c>;;</c>) and a trailing <c>;</c> are ignored;</item>
/// <item>
/// a comma that is followed by parameters instead of a <c>&lt;target&gt;</c> (the dynlink-14 figure's
/// <c>anchor=/a/fan,;bind="obs"</c>) is taken as a stray comma: the parameters after it belong to the
/// previous link. That keeps the figure's meaning (the link has a <c>bind</c>) instead of dropping it.
/// Empty link-values (<c>,,</c>) and a trailing comma are ignored too.
/// </item>
/// </list>
/// <para>Still rejected: a document that does not start with <c>&lt;</c>, an unterminated <c>&lt;</c> or
/// quoted-string, whitespace or <c>&lt;</c> inside a target, a parameter without a name, and anything
/// else where a <c>;</c> or <c>,</c> must come (for example two links without a comma).</para>
/// </remarks>
internal static class LinkFormatParser
{
    /// <summary>Parses a whole document; the empty (or all-whitespace) document has no links.</summary>
    /// <param name="text">The link-format text.</param>
    /// <param name="links">The links read, in order; empty when parsing fails.</param>
    /// <param name="error">Why the text is malformed, with the character offset; null on success.</param>
    /// <returns>Whether the text is (leniently) valid link-format.</returns>
    public static bool TryParse(string text, out List<ParsedLink> links, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        links = [];
        error = Parse(text, links);
        if (error is not null)
        {
            links = [];
            return false;
        }

        return true;
    }

    private static string? Parse(string text, List<ParsedLink> links)
    {
        var position = 0;
        ParsedLink? current = null;
        while (true)
        {
            // At the start of a link-value: the document start or just after a comma.
            SkipWhitespace(text, ref position);
            if (position == text.Length)
            {
                return null;
            }

            switch (text[position])
            {
                case '<':
                    var target = ReadTarget(text, ref position, out var targetError);
                    if (targetError is not null)
                    {
                        return targetError;
                    }

                    current = new ParsedLink(target!);
                    links.Add(current);
                    break;
                case ';' when current is not null:
                    // The dynlink-14 stray comma: keep adding to the previous link.
                    break;
                case ',' when current is not null:
                    position++;
                    continue;
                default:
                    return $"expected '<' at offset {position}.";
            }

            var parameterError = ReadParameters(text, ref position, current);
            if (parameterError is not null)
            {
                return parameterError;
            }
        }
    }

    /// <summary>Reads <c>&lt;URI-Reference&gt;</c>; the position is on the <c>&lt;</c>.</summary>
    private static string? ReadTarget(string text, ref int position, out string? error)
    {
        var start = position;
        for (var i = position + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '>')
            {
                position = i + 1;
                error = null;
                return text[(start + 1)..i];
            }

            if (c == '<' || IsWhitespace(c))
            {
                error = $"unexpected {Describe(c)} inside the target that starts at offset {start}.";
                return null;
            }
        }

        error = $"unterminated '<' at offset {start}.";
        return null;
    }

    /// <summary>Reads <c>*(";" link-param)</c> up to and including the comma that ends the link, or the end.</summary>
    private static string? ReadParameters(string text, ref int position, ParsedLink link)
    {
        while (true)
        {
            SkipWhitespace(text, ref position);
            if (position == text.Length)
            {
                return null;
            }

            var c = text[position];
            if (c == ',')
            {
                position++;
                return null;
            }

            if (c != ';')
            {
                return $"expected ';' or ',' at offset {position} but found {Describe(c)}.";
            }

            position++;
            SkipWhitespace(text, ref position);
            if (position == text.Length || text[position] is ';' or ',')
            {
                // An empty parameter (";;") or a trailing ";".
                continue;
            }

            var nameStart = position;
            while (position < text.Length && IsNameCharacter(text[position]))
            {
                position++;
            }

            if (position == nameStart)
            {
                return $"expected a parameter name at offset {position} but found {Describe(text[position])}.";
            }

            var name = text[nameStart..position];
            SkipWhitespace(text, ref position);
            if (position == text.Length || text[position] != '=')
            {
                link.Add(name, null);
                continue;
            }

            position++;
            SkipWhitespace(text, ref position);
            var valueError = ReadValue(text, ref position, out var value);
            if (valueError is not null)
            {
                return valueError;
            }

            link.Add(name, value);
        }
    }

    /// <summary>Reads a quoted-string or a ptoken; nothing before <c>;</c>, <c>,</c> or the end is "".</summary>
    private static string? ReadValue(string text, ref int position, out string value)
    {
        if (position < text.Length && text[position] == '"')
        {
            var start = position;
            var builder = new StringBuilder();
            position++;
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '"')
                {
                    value = builder.ToString();
                    return null;
                }

                if (c == '\\')
                {
                    if (position == text.Length)
                    {
                        break;
                    }

                    c = text[position++];
                }

                builder.Append(c);
            }

            value = "";
            return $"unterminated quoted string at offset {start}.";
        }

        var tokenStart = position;
        while (position < text.Length && text[position] is not (';' or ',' or '"') && !IsWhitespace(text[position]))
        {
            position++;
        }

        value = text[tokenStart..position];
        return null;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && IsWhitespace(text[position]))
        {
            position++;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>RFC 5987 parmname characters, plus <c>*</c> for extended names such as <c>title*</c>.</summary>
    private static bool IsNameCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '*';

    private static string Describe(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
