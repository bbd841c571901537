using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP4001: <c>[Observable]</c> on a method whose method attributes are neither <c>[Get]</c> nor
/// <c>[Fetch]</c> (RFC 7641 §2, RFC 8132 §2.4). A method with no method attribute is left alone.
/// The diagnostic is on <c>[Observable]</c>; its additional location is the method attribute, for
/// the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObservableRequiresGetOrFetchAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP4001_ObservableRequiresGetOrFetch);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.Observable is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (CoapKnownTypes.FindAttribute(method, known.Observable) is not { } observable)
        {
            return;
        }

        var methodAttributes = known.GetMethodAttributes(method);
        if (methodAttributes.IsEmpty)
        {
            return;
        }

        foreach (var attribute in methodAttributes)
        {
            if (known.IsGetOrFetch(attribute))
            {
                return;
            }
        }

        var first = methodAttributes[0];
        var location = observable.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? (method.Locations.IsEmpty ? Location.None : method.Locations[0]);
        var methodAttributeLocation = first.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP4001_ObservableRequiresGetOrFetch,
            location,
            methodAttributeLocation is null ? null : new[] { methodAttributeLocation },
            method.ContainingType.Name + "." + method.Name,
            Verbs(methodAttributes)));
    }

    /// <summary>The methods the action answers, e.g. <c>PUT</c> or <c>PUT and POST</c>.</summary>
    private static string Verbs(ImmutableArray<AttributeData> attributes)
    {
        var verbs = new string[attributes.Length];
        for (var i = 0; i < attributes.Length; i++)
        {
            verbs[i] = ActionRoute.VerbOf(attributes[i].AttributeClass);
        }

        return verbs.Length == 1
            ? verbs[0]
            : string.Join(", ", verbs, 0, verbs.Length - 1) + " and " + verbs[verbs.Length - 1];
    }
}
