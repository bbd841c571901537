using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coap.Generators.Tests.Infrastructure;

/// <summary>One run of the generator: the driver (for incremental re-runs), its input and output compilations.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation Input, CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>The text of CoapGeneratedRouter.g.cs.</summary>
    public string GeneratedSource => Result.GeneratedTrees
        .Single(t => t.FilePath.EndsWith(CoapRoutingGenerator.GeneratedFileName, StringComparison.Ordinal))
        .ToString();

    /// <summary>Warnings and errors of the user code and the generated code compiled together.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>Fails with the problems listed when the generated code does not compile cleanly.</summary>
    public GeneratorRun AssertCompilesCleanly()
    {
        var problems = GeneratorDiagnostics.Concat(CompilationProblems).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Expected no warnings or errors:\n" + string.Join("\n", problems) + "\n\n" + Numbered(GeneratedSource));
        return this;
    }

    private static string Numbered(string source) =>
        string.Join("\n", source.Split('\n').Select((line, i) => $"{i + 1,4}: {line}"));
}
