using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3004: an action parameter that no binding source can fill: ref/out/in, pointers, ref
/// structs, delegates, open generics, object, dynamic; or a route/query value of a non-simple type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedParameterTypeAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3004_UnsupportedParameterType);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType is not { } type || known.GetControllerAttribute(type) is not { } controllerAttribute)
        {
            return;
        }

        var routes = ActionRoute.For(method, controllerAttribute, known);
        if (routes.IsEmpty)
        {
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            if (WhyUnsupported(parameter, routes, known) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.COAP3004_UnsupportedParameterType,
                    parameter.Locations.IsEmpty ? Location.None : parameter.Locations[0],
                    parameter.Name,
                    method.Name,
                    reason));
            }
        }
    }

    private static string? WhyUnsupported(IParameterSymbol parameter, ImmutableArray<ActionRoute> routes, CoapKnownTypes known)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return "'ref', 'out' and 'in' parameters cannot be bound; take the value as a plain parameter";
        }

        var type = parameter.Type;
        if (type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (BindableTypes.WhyNeverBindable(type) is { } reason)
        {
            return reason;
        }

        if (ActionParameters.IsRouteOrQueryValue(parameter, routes, known) && !BindableTypes.IsSimple(type, known))
        {
            return $"route and query values are text and bind only to simple types, not '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
        }

        return null;
    }
}
