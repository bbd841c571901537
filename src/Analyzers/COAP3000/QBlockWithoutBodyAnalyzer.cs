using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3008: <c>[QBlock]</c> on an action that transfers no body in either direction: it takes
/// only GET and DELETE requests (no request body, so no Q-Block1) and returns void, Task or
/// ValueTask (no response body, so no Q-Block2). Reported on <c>[QBlock]</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QBlockWithoutBodyAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3008_QBlockWithoutBody);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.QBlock is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (CoapKnownTypes.FindAttribute(method, known.QBlock) is not { } qBlock
            || !known.IsAction(method)
            || !ReturnsNothing(method, known)
            || BodylessMethods(method, known) is not { } methods)
        {
            return;
        }

        var location = qBlock.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? (method.Locations.IsEmpty ? Location.None : method.Locations[0]);
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP3008_QBlockWithoutBody,
            location,
            method.ContainingType.Name + "." + method.Name,
            methods));
    }

    private static bool ReturnsNothing(IMethodSymbol method, CoapKnownTypes known) =>
        method.ReturnsVoid
        || SymbolEqualityComparer.Default.Equals(method.ReturnType, known.Task)
        || SymbolEqualityComparer.Default.Equals(method.ReturnType, known.ValueTask);

    /// <summary>"GET", "DELETE" or "GET and DELETE" when every method attribute is one of those; null otherwise.</summary>
    private static string? BodylessMethods(IMethodSymbol method, CoapKnownTypes known)
    {
        var names = new SortedSet<string>();
        foreach (var attribute in known.GetMethodAttributes(method))
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.Get))
            {
                names.Add("GET");
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.Delete))
            {
                names.Add("DELETE");
            }
            else
            {
                return null;
            }
        }

        return names.Count == 0 ? null : string.Join(" and ", names);
    }
}
