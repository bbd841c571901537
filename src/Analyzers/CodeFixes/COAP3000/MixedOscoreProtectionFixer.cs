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
/// COAP3009: adds <c>[AllowUnprotected]</c> (or <c>[RequireOscore]</c>) to the unmarked action, into its last
/// method attribute list (<c>[Get("x")]</c> → <c>[Get("x"), AllowUnprotected]</c>); qualified as
/// <c>global::Coap.…</c> when the short name would not bind to the framework's attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MixedOscoreProtectionFixer)), Shared]
public sealed class MixedOscoreProtectionFixer : CodeFixProvider
{
    public const string Key_AllowUnprotected = "COAP3009_AllowUnprotected";
    public const string Key_RequireOscore = "COAP3009_RequireOscore";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.COAP3009_MixedOscoreProtection.Id);

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
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [AllowUnprotected]",
                    token => AddAttributeAsync(context.Document, method, "AllowUnprotected", token),
                    Key_AllowUnprotected),
                diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [RequireOscore]",
                    token => AddAttributeAsync(context.Document, method, "RequireOscore", token),
                    Key_RequireOscore),
                diagnostic);
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, MethodDeclarationSyntax method, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var list = method.AttributeLists.LastOrDefault(static l => l.Target is null);
        if (root is null || model is null || list is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(name));
        var expected = model.Compilation.GetTypeByMetadataName("Coap." + name + "Attribute");
        var bound = model.GetSpeculativeSymbolInfo(list.Attributes[0].SpanStart, attribute).Symbol?.ContainingType;
        if (expected is not null && !SymbolEqualityComparer.Default.Equals(bound, expected))
        {
            attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Coap." + name));
        }

        // A list may end in a comma ([Get("x"),]); then the attribute goes after it, not after another.
        var attributes = list.Attributes.GetWithSeparators();
        attributes = list.Attributes.SeparatorCount == list.Attributes.Count
            ? attributes.Add(attribute.WithLeadingTrivia(SyntaxFactory.Space))
            : attributes.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space)).Add(attribute);
        return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(SyntaxFactory.SeparatedList<AttributeSyntax>(attributes))));
    }
}
