using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coap.Analyzers;

/// <summary>COAP2002: <c>async void</c> becomes <c>async Task</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidActionFixer)), Shared]
public sealed class AsyncVoidActionFixer : CodeFixProvider
{
    public const string Key_ReturnTask = "COAP2002_ReturnTask";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.COAP2002_AsyncVoidAction.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method
                && method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Return 'Task'", token => ReturnTaskAsync(context.Document, method, token), Key_ReturnTask),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReturnTaskAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || model is null)
        {
            return document;
        }

        var task = SyntaxFactory.IdentifierName("Task").WithTriviaFrom(method.ReturnType);
        var updated = unit.ReplaceNode(method.ReturnType, task);
        if (!AsyncSyntax.IsTaskInScope(model, method.SpanStart))
        {
            updated = AsyncSyntax.AddTasksUsing(updated);
        }

        return document.WithSyntaxRoot(updated);
    }
}
