using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// Base of the COAPnnnn analyzers: skips generated code, runs concurrently, and hands each
/// compilation that references Coap.Framework to <see cref="AnalyzeCompilation"/> with the types
/// resolved once.
/// </summary>
public abstract class CoapAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CoapKnownTypes.Create(start.Compilation) is { } known)
            {
                AnalyzeCompilation(start, known);
            }
        });
    }

    private protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known);
}
