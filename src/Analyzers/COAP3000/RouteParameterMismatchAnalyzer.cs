using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3002: a <c>{name}</c> in the template that no action parameter binds (by name,
/// case-insensitive, or by <c>[FromRoute(Name = "name")]</c>). COAP3003: a <c>[FromRoute]</c>
/// parameter whose name is not in the template.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RouteParameterMismatchAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.COAP3002_RouteParameterWithoutActionParameter,
        Descriptors.COAP3003_FromRouteParameterNotInTemplate);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType is not { } type || known.GetControllerAttribute(type) is not { } controllerAttribute)
        {
            return;
        }

        foreach (var route in ActionRoute.For(method, controllerAttribute, known))
        {
            if (!route.Template.IsValid)
            {
                continue;
            }

            foreach (var routeParameter in route.Template.Parameters)
            {
                if (!IsBound(routeParameter.Name, method, known))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.COAP3002_RouteParameterWithoutActionParameter,
                        route.GetTemplateLocation(context.CancellationToken),
                        routeParameter.Name,
                        route.Template.Text,
                        method.Name));
                }
            }

            foreach (var parameter in method.Parameters)
            {
                if (ActionParameters.GetFromRouteName(parameter, known) is { } name)
                {
                    if (!route.Template.HasParameter(name))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.COAP3003_FromRouteParameterNotInTemplate,
                            parameter.Locations.IsEmpty ? Location.None : parameter.Locations[0],
                            parameter.Name,
                            method.Name,
                            route.Template.Text,
                            name));
                    }
                }
            }
        }
    }

    private static bool IsBound(string routeName, IMethodSymbol method, CoapKnownTypes known)
    {
        foreach (var parameter in method.Parameters)
        {
            if (ActionParameters.BindsRouteParameter(parameter, routeName, known))
            {
                return true;
            }
        }

        return false;
    }
}
