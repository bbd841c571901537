using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3006: a method attribute (<c>[Get]</c>, <c>[Put]</c>, …) on a method of a type without
/// <c>[CoapController]</c>, or a <c>[CoapController]</c> class that does not derive from
/// <c>Coap.CoapController</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidControllerAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3006_InvalidController);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        context.RegisterSymbolAction(symbol => AnalyzeType(symbol, known), SymbolKind.NamedType);
        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeType(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (known.ControllerBase is null || known.GetControllerAttribute(type) is null || DerivesFrom(type, known.ControllerBase))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP3006_InvalidController,
            type.Locations[0],
            type.Name,
            "it is marked [CoapController] but does not derive from Coap.CoapController; derive from CoapController so the router can give it the request"));
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        var attributes = known.GetMethodAttributes(method);
        if (attributes.IsEmpty || method.ContainingType is not { } type || known.GetControllerAttribute(type) is not null)
        {
            return;
        }

        var attribute = attributes[0];
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations[0];
        var name = attribute.AttributeClass?.Name ?? "Get";
        if (name.EndsWith("Attribute", System.StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Attribute".Length);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP3006_InvalidController,
            location,
            type.Name,
            $"method '{method.Name}' has [{name}] but the type is not marked [CoapController], so it is never routed; mark the class [CoapController] or remove the attribute"));
    }

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
