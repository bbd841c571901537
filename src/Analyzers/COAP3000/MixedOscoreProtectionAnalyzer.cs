using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3009: a controller with neither <c>[RequireOscore]</c> nor <c>[AllowUnprotected]</c> (itself or a base
/// class) has an action with <c>[RequireOscore]</c> and another with neither. Reported on each unmarked action.
/// Marks are read as the generator reads them: on the method or a method it overrides.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MixedOscoreProtectionAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3009_MixedOscoreProtection);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.RequireOscore is null || known.AllowUnprotected is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeType(symbol, known), SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (known.GetControllerAttribute(type) is null || IsMarked(type, known))
        {
            return;
        }

        var anyRequired = false;
        var unmarked = new List<IMethodSymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method || known.GetMethodAttributes(method).IsEmpty)
            {
                continue;
            }

            if (HasInherited(method, known.RequireOscore))
            {
                anyRequired = true;
            }
            else if (!HasInherited(method, known.AllowUnprotected))
            {
                unmarked.Add(method);
            }
        }

        if (!anyRequired)
        {
            return;
        }

        foreach (var method in unmarked)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.COAP3009_MixedOscoreProtection,
                method.Locations.IsEmpty ? Location.None : method.Locations[0],
                type.Name,
                method.Name));
        }
    }

    /// <summary>Whether the controller or a base class has either attribute (both are Inherited = true).</summary>
    private static bool IsMarked(INamedTypeSymbol type, CoapKnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (known.HasAttribute(current, known.RequireOscore) || known.HasAttribute(current, known.AllowUnprotected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasInherited(IMethodSymbol method, INamedTypeSymbol? attribute)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (CoapKnownTypes.FindAttribute(current, attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
