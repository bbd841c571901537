using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>COAP2002: an action declared <c>async void</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidActionAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP2002_AsyncVoidAction);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        context.RegisterSymbolAction(
            symbol =>
            {
                var method = (IMethodSymbol)symbol.Symbol;
                if (method.IsAsync && method.ReturnsVoid && known.IsAction(method))
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(Descriptors.COAP2002_AsyncVoidAction, method.Locations[0], method.Name));
                }
            },
            SymbolKind.Method);
}
