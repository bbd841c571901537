using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Coap.Analyzers.Tests.Verifiers;

/// <summary>
/// Test source with expected diagnostics marked in it: <c>[|...|]</c> for the analyzer's only
/// diagnostic, <c>{|COAP2001:...|}</c> to name the ID. Markers may nest.
/// </summary>
internal sealed class Markup
{
    private Markup(string source, IReadOnlyList<(string? Id, TextSpan Span)> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source with the markers removed.</summary>
    public string Source { get; }

    /// <summary>The marked spans, with their ID when the marker named one.</summary>
    public IReadOnlyList<(string? Id, TextSpan Span)> Spans { get; }

    public static Markup Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(int Start, string? Id)>();
        var spans = new List<(string? Id, TextSpan Span)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((text.Length, null));
                i += 2;
            }
            else if (At(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"'{{|' at {i} has no ':' after its diagnostic ID.");
                }

                open.Push((text.Length, markup[(i + 2)..colon]));
                i = colon + 1;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"'{markup.Substring(i, 2)}' at {i} closes nothing.");
                }

                var (start, id) = open.Pop();
                if ((markup[i + 1] == ']') != (id is null))
                {
                    throw new FormatException($"'{markup.Substring(i, 2)}' at {i} closes the wrong kind of marker.");
                }

                spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException("A markup span is never closed.");
        }

        return new Markup(text.ToString(), spans);
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
