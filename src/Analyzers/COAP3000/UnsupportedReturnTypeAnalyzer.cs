using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3005: an action result that cannot be written as a response: ref returns, tasks of tasks,
/// and (directly or inside Task/ValueTask) pointers, ref structs, delegates, open generics, object, dynamic.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedReturnTypeAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3005_UnsupportedReturnType);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ReturnsVoid || !known.IsAction(method) || WhyUnsupported(method, known) is not { } reason)
        {
            return;
        }

        var location = method.Locations.IsEmpty ? Location.None : method.Locations[0];
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
            {
                location = declaration.ReturnType.GetLocation();
                break;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP3005_UnsupportedReturnType,
            location,
            method.Name,
            method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            reason));
    }

    private static string? WhyUnsupported(IMethodSymbol method, CoapKnownTypes known)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "ref returns cannot be written; return the value";
        }

        var type = method.ReturnType;
        if (type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (known.IsGenericTask(type) && type is INamedTypeSymbol task)
        {
            type = task.TypeArguments[0];
            if (known.IsTaskLike(type))
            {
                return "a task of a task completes before the inner task does; await the inner task and return its result";
            }
        }
        else if (known.IsTaskLike(type))
        {
            return null;
        }

        return type.TypeKind == TypeKind.Error ? null : BindableTypes.WhyNeverBindable(type);
    }
}
