using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coap.Analyzers;

/// <summary>
/// COAP4001: the method attribute becomes <c>[Get]</c> with the same arguments
/// (<c>[Put("x")]</c> → <c>[Get("x")]</c>), or <c>[Observable]</c> is removed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObservableRequiresGetOrFetchFixer)), Shared]
public sealed class ObservableRequiresGetOrFetchFixer : CodeFixProvider
{
    public const string Key_UseGet = "COAP4001_UseGet";
    public const string Key_RemoveObservable = "COAP4001_RemoveObservable";

    private const string GetMetadataName = "Coap.GetAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.COAP4001_ObservableRequiresGetOrFetch.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } observable)
            {
                continue;
            }

            if (diagnostic.AdditionalLocations.Count > 0
                && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is { } methodAttribute
                && RightmostName(methodAttribute.Name) is { } name)
            {
                var getName = name.Identifier.ValueText.EndsWith("Attribute", StringComparison.Ordinal) ? "GetAttribute" : "Get";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use [Get] instead of [{name.Identifier.ValueText}]",
                        token => UseGetAsync(context.Document, methodAttribute, getName, token),
                        Key_UseGet),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove [Observable]",
                    token => RemoveAttributeAsync(context.Document, observable, token),
                    Key_RemoveObservable),
                diagnostic);
        }
    }

    /// <summary>Renames the method attribute to <c>Get</c>, keeping its qualification and arguments; <c>global::Coap.Get</c> when plain <c>Get</c> would bind elsewhere.</summary>
    private static async Task<Document> UseGetAsync(Document document, AttributeSyntax attribute, string getName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || RightmostName(attribute.Name) is not { } name)
        {
            return document;
        }

        var renamed = attribute.ReplaceNode(name, SyntaxFactory.IdentifierName(getName).WithTriviaFrom(name));
        var getType = model.Compilation.GetTypeByMetadataName(GetMetadataName);
        var bound = model.GetSpeculativeSymbolInfo(attribute.SpanStart, renamed).Symbol?.ContainingType;
        if (getType is not null && !SymbolEqualityComparer.Default.Equals(bound, getType))
        {
            var qualified = SyntaxFactory.ParseName("global::Coap." + getName).WithTriviaFrom(attribute.Name);
            renamed = attribute.WithName(qualified);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(attribute, renamed));
    }

    /// <summary>
    /// Removes the attribute, or its whole list when it is alone there. The list's leading trivia
    /// (comments, documentation) moves to what follows; its indentation does not when the next
    /// line brings its own.
    /// </summary>
    private static async Task<Document> RemoveAttributeAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || attribute.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        if (list.Attributes.Count > 1)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute))));
        }

        var leading = list.GetLeadingTrivia();
        if (list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
        {
            var keep = leading.Count;
            while (keep > 0 && leading[keep - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                keep--;
            }

            leading = SyntaxFactory.TriviaList(leading.Take(keep));
        }

        var next = list.GetLastToken().GetNextToken();
        var updated = root.ReplaceToken(next, next.WithLeadingTrivia(leading.AddRange(next.LeadingTrivia)));
        var current = updated.FindNode(list.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeListSyntax>();
        return current is null
            ? document
            : document.WithSyntaxRoot(updated.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia)!);
    }

    private static SimpleNameSyntax? RightmostName(NameSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple,
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax alias => alias.Name,
        _ => null,
    };
}
