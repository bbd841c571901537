using System.Collections.Generic;
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
/// COAP2001: <c>x.Result</c>, <c>x.GetAwaiter().GetResult()</c> and <c>x.Wait();</c> become
/// <c>await x</c>; <c>Thread.Sleep(n);</c> becomes <c>await Task.Delay(n);</c>. The action becomes
/// async (<c>T</c> → <c>Task&lt;T&gt;</c>, <c>void</c> → <c>Task</c>) when only its signature has to change.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingCallInActionFixer)), Shared]
public sealed class BlockingCallInActionFixer : CodeFixProvider
{
    public const string Key_AwaitInsteadOfBlocking = "COAP2001_AwaitInsteadOfBlocking";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.COAP2001_BlockingCallInAction.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            var title = plan.IsSleep ? "Use 'await Task.Delay'" : "Use 'await' instead of blocking";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    token => FixAsync(context.Document, ImmutableArray.Create(diagnostic), token),
                    Key_AwaitInsteadOfBlocking),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit || model is null)
        {
            return document;
        }

        var plans = new List<Fix>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(unit, model, diagnostic, cancellationToken) is { } plan && !plans.Any(p => p.Target == plan.Target))
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var methods = plans.Select(p => p.Method).Distinct().ToList();
        var needsTask = methods.Any(m => !m.Modifiers.Any(SyntaxKind.AsyncKeyword)) || plans.Any(p => p.IsSleep);
        var addUsing = needsTask && !AsyncSyntax.IsTaskInScope(model, methods[0].SpanStart);

        var tracked = unit.TrackNodes(plans.Select(p => p.Target).Concat<SyntaxNode>(methods));
        var byTarget = plans.ToDictionary(p => p.Target);
        tracked = tracked.ReplaceNodes(
            plans.Select(p => tracked.GetCurrentNode(p.Target)!),
            (original, rewritten) => Rewrite(byTarget[FindOriginal(plans, tracked, original)], rewritten));
        tracked = tracked.ReplaceNodes(
            methods.Select(m => tracked.GetCurrentNode(m)!),
            (_, rewritten) => AsyncSyntax.MakeAsync(rewritten));

        if (addUsing)
        {
            tracked = AsyncSyntax.AddTasksUsing(tracked);
        }

        return document.WithSyntaxRoot(tracked);
    }

    private static ExpressionSyntax FindOriginal(List<Fix> plans, CompilationUnitSyntax tracked, SyntaxNode current) =>
        plans.First(p => tracked.GetCurrentNode(p.Target) == current).Target;

    /// <summary>The replacement of one blocking expression; <paramref name="rewritten"/> already holds fixed inner expressions.</summary>
    private static ExpressionSyntax Rewrite(Fix plan, SyntaxNode rewritten)
    {
        switch (plan.Kind)
        {
            case BlockingCallInActionAnalyzer.KindResult:
                return AsyncSyntax.Await(((MemberAccessExpressionSyntax)rewritten).Expression, plan.Target);
            case BlockingCallInActionAnalyzer.KindGetResult:
                var getResult = (MemberAccessExpressionSyntax)((InvocationExpressionSyntax)rewritten).Expression;
                var getAwaiter = (MemberAccessExpressionSyntax)((InvocationExpressionSyntax)getResult.Expression).Expression;
                return AsyncSyntax.Await(getAwaiter.Expression, plan.Target);
            case BlockingCallInActionAnalyzer.KindWait:
                var wait = (MemberAccessExpressionSyntax)((InvocationExpressionSyntax)rewritten).Expression;
                return AsyncSyntax.Await(wait.Expression, plan.Target);
            default:
                var sleep = (InvocationExpressionSyntax)rewritten;
                var delay = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression("Task.Delay"), sleep.ArgumentList);
                return AsyncSyntax.Await(delay, plan.Target);
        }
    }

    /// <summary>What to rewrite for one diagnostic, or null when this fix does not apply.</summary>
    private static Fix? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(BlockingCallInActionAnalyzer.KindProperty, out var kind) || kind is null)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var applies = kind switch
        {
            BlockingCallInActionAnalyzer.KindResult => node is MemberAccessExpressionSyntax,
            BlockingCallInActionAnalyzer.KindGetResult => node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Expression: InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" },
                        ArgumentList.Arguments.Count: 0,
                    },
                },
            },
            BlockingCallInActionAnalyzer.KindWait => node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax,
                ArgumentList.Arguments.Count: 0,
                Parent: ExpressionStatementSyntax,
            },
            BlockingCallInActionAnalyzer.KindSleep => node is InvocationExpressionSyntax { Parent: ExpressionStatementSyntax },
            _ => false,
        };
        if (!applies
            || node.FirstAncestorOrSelf<LockStatementSyntax>() is not null // no await inside lock
            || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || !AsyncSyntax.CanMakeAsync(method, symbol))
        {
            return null;
        }

        return new Fix((ExpressionSyntax)node, method, kind);
    }

    private sealed class Fix(ExpressionSyntax target, MethodDeclarationSyntax method, string kind)
    {
        public ExpressionSyntax Target { get; } = target;

        public MethodDeclarationSyntax Method { get; } = method;

        public string Kind { get; } = kind;

        public bool IsSleep => Kind == BlockingCallInActionAnalyzer.KindSleep;
    }
}
