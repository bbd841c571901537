using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers.Tests.Verifiers;

/// <summary>Compares reported diagnostics with the marked spans, as readable lines.</summary>
internal static class ExpectedDiagnostics
{
    public static IReadOnlyList<Markup> Parse(IEnumerable<string> sources) => [.. sources.Select(Markup.Parse)];

    public static void AssertMatch(DiagnosticAnalyzer analyzer, IReadOnlyList<Markup> markups, IEnumerable<Diagnostic> actual)
    {
        var supported = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        var expectedLines = new List<string>();
        for (var file = 0; file < markups.Count; file++)
        {
            foreach (var (id, span) in markups[file].Spans)
            {
                var expectedId = id ?? (supported.Count == 1
                    ? supported[0]
                    : throw new InvalidOperationException($"{analyzer.GetType().Name} reports {string.Join(", ", supported)}: name the ID with {{|ID:...|}}."));
                expectedLines.Add(Line(TestCompilation.FileName(file), span.Start, span.End, expectedId));
            }
        }

        var actualLines = actual.Select(d => Line(d.Location.SourceTree?.FilePath ?? "?", d.Location.SourceSpan.Start, d.Location.SourceSpan.End, d.Id));
        Assert.Equal(
            string.Join("\n", expectedLines.Order(StringComparer.Ordinal)),
            string.Join("\n", actualLines.Order(StringComparer.Ordinal)));
    }

    private static string Line(string file, int start, int end, string id) => $"{file}[{start:D5}..{end:D5}) {id}";
}
