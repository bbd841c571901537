using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs one analyzer over test sources (<c>using Verify = CSharpAnalyzerVerifier&lt;X&gt;;</c>) and
/// checks that it reports exactly the marked spans, and that the sources compile.
/// </summary>
internal static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Each source is one file; markup marks where diagnostics are expected (none marked: none expected).</summary>
    public static async Task VerifyAnalyzerAsync(params string[] sources)
    {
        var analyzer = new TAnalyzer();
        var markups = ExpectedDiagnostics.Parse(sources);
        var diagnostics = await RunAsync(analyzer, markups.Select(m => m.Source).ToList());
        ExpectedDiagnostics.AssertMatch(analyzer, markups, diagnostics);
    }

    /// <summary>The diagnostics for sources without markup, to check messages and properties.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(params string[] sources) =>
        RunAsync(new TAnalyzer(), sources);

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, IReadOnlyList<string> sources)
    {
        var compilation = TestCompilation.Create(sources);
        TestCompilation.AssertNoCompilerErrors(compilation);
        return await AnalyzeAsync(compilation, analyzer);
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add(exception);
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, "The analyzer threw:\n" + string.Join("\n", exceptions));
        return diagnostics;
    }
}
