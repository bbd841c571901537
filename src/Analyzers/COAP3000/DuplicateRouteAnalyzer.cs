using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3001: two actions, in any controllers of the compilation, with the same method and the
/// same template shape (parameter names aside, constraints included). Routes are collected per
/// controller and compared when the compilation ends; every action of a clash is reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateRouteAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3001_DuplicateRoute);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        var routes = new ConcurrentBag<ActionRoute>();
        context.RegisterSymbolAction(
            symbol =>
            {
                var type = (INamedTypeSymbol)symbol.Symbol;
                if (known.GetControllerAttribute(type) is not { } controllerAttribute)
                {
                    return;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol method)
                    {
                        foreach (var route in ActionRoute.For(method, controllerAttribute, known))
                        {
                            if (route.Template.IsValid)
                            {
                                routes.Add(route);
                            }
                        }
                    }
                }
            },
            SymbolKind.NamedType);

        context.RegisterCompilationEndAction(end =>
        {
            var clashes = routes
                .GroupBy(route => route.Verb + " " + route.Template.ShapeKey, StringComparer.Ordinal)
                .Where(group => group.Count() > 1);
            foreach (var clash in clashes)
            {
                var ordered = clash.OrderBy(SortKey, StringComparer.Ordinal).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var route = ordered[i];
                    var other = ordered[i == 0 ? 1 : 0];
                    end.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.COAP3001_DuplicateRoute,
                        route.GetAttributeLocation(end.CancellationToken),
                        route.Verb,
                        route.Template.Text,
                        Display(route.Action),
                        Display(other.Action)));
                }
            }
        });
    }

    private static string Display(IMethodSymbol action) => action.ContainingType.Name + "." + action.Name;

    private static string SortKey(ActionRoute route)
    {
        var location = route.Action.Locations.FirstOrDefault();
        return (location?.SourceTree?.FilePath ?? string.Empty) + ":" + (location?.SourceSpan.Start ?? 0).ToString("D10", CultureInfo.InvariantCulture)
            + ":" + route.Template.Text;
    }
}
