using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP4004: <c>[Binding]</c> on a GET or FETCH action without <c>[Observable]</c>. Actions that
/// only take other methods (a PUT destination of a push binding) are left alone. Reported on
/// <c>[Binding]</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingWithoutObservableAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP4004_BindingWithoutObservable);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.Binding is null || known.Observable is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (CoapKnownTypes.FindAttribute(method, known.Binding) is not { } binding
            || known.HasAttribute(method, known.Observable)
            || !known.IsAction(method)
            || !AnswersGetOrFetch(method, known))
        {
            return;
        }

        var location = binding.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? (method.Locations.IsEmpty ? Location.None : method.Locations[0]);
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP4004_BindingWithoutObservable,
            location,
            method.ContainingType.Name + "." + method.Name));
    }

    private static bool AnswersGetOrFetch(IMethodSymbol method, CoapKnownTypes known)
    {
        foreach (var attribute in known.GetMethodAttributes(method))
        {
            if (known.IsGetOrFetch(attribute))
            {
                return true;
            }
        }

        return false;
    }
}
