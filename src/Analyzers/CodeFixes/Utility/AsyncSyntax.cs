using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coap.Analyzers;

/// <summary>Syntax edits shared by the fixes that introduce <c>await</c> and <c>Task</c>.</summary>
internal static class AsyncSyntax
{
    private const string TasksNamespace = "System.Threading.Tasks";

    /// <summary>
    /// Whether the method is async already, or can become async by changing only its signature:
    /// no ref return or ref/out/in parameters, not an iterator, and a return type that is not
    /// already awaitable (that would need its return statements rewritten).
    /// </summary>
    public static bool CanMakeAsync(MethodDeclarationSyntax declaration, IMethodSymbol method)
    {
        if (method.IsAsync)
        {
            return true;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType.IsRefLikeType
            || method.Parameters.Any(p => p.RefKind != RefKind.None)
            || IsAwaitable(method.ReturnType))
        {
            return false;
        }

        var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        return body is not null && !body.DescendantNodes().OfType<YieldStatementSyntax>().Any();
    }

    /// <summary>Adds <c>async</c> and turns <c>void</c> into <c>Task</c> and <c>T</c> into <c>Task&lt;T&gt;</c>.</summary>
    public static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return method;
        }

        var returnType = method.ReturnType;
        TypeSyntax taskType = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? SyntaxFactory.IdentifierName("Task")
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"))
                .WithTypeArgumentList(SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())));
        taskType = taskType.WithTriviaFrom(returnType);

        var asyncKeyword = SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        if (method.Modifiers.Count == 0)
        {
            // The return type carried the method's leading trivia (indentation, comments): give it to 'async'.
            asyncKeyword = asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia());
            taskType = taskType.WithLeadingTrivia(SyntaxTriviaList.Empty);
        }

        return method
            .WithReturnType(taskType)
            .WithModifiers(method.Modifiers.Add(asyncKeyword));
    }

    /// <summary><c>await expression</c>, in parentheses where <paramref name="original"/>'s parent needs them (<c>(await t).X</c>).</summary>
    public static ExpressionSyntax Await(ExpressionSyntax awaited, SyntaxNode original)
    {
        var awaitKeyword = SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        ExpressionSyntax result = SyntaxFactory.AwaitExpression(awaitKeyword, awaited.WithoutTrivia());
        var needsParentheses = original.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression == original,
            ConditionalAccessExpressionSyntax access => access.Expression == original,
            ElementAccessExpressionSyntax access => access.Expression == original,
            InvocationExpressionSyntax invocation => invocation.Expression == original,
            PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
        if (needsParentheses)
        {
            result = SyntaxFactory.ParenthesizedExpression(result);
        }

        return result.WithTriviaFrom(original);
    }

    /// <summary>Whether <c>Task</c> means System.Threading.Tasks.Task at this position.</summary>
    public static bool IsTaskInScope(SemanticModel model, int position) =>
        model.LookupNamespacesAndTypes(position, name: "Task")
            .OfType<INamedTypeSymbol>()
            .Any(t => t.Arity == 0 && t.ContainingNamespace?.ToDisplayString() == TasksNamespace);

    /// <summary>Adds <c>using System.Threading.Tasks;</c> among the System directives, in ordinal order.</summary>
    public static CompilationUnitSyntax AddTasksUsing(CompilationUnitSyntax root)
    {
        var directive = SyntaxFactory.ParseCompilationUnit("using " + TasksNamespace + ";\n").Usings[0];
        var usings = root.Usings;
        if (usings.Count == 0)
        {
            return root.WithUsings(usings.Add(directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))));
        }

        // After the last System directive that sorts before it: System directives come first.
        var index = 0;
        for (var i = 0; i < usings.Count; i++)
        {
            if (Compare(usings[i], TasksNamespace) < 0)
            {
                index = i + 1;
            }
        }

        return root.WithUsings(usings.Insert(index, directive));
    }

    private static int Compare(UsingDirectiveSyntax directive, string name)
    {
        if (directive.Alias is not null || !directive.StaticKeyword.IsKind(SyntaxKind.None) || directive.Name is null)
        {
            return 1;
        }

        var existing = directive.Name.ToString();
        var existingIsSystem = existing == "System" || existing.StartsWith("System.", StringComparison.Ordinal);
        return existingIsSystem ? string.CompareOrdinal(existing, name) : 1;
    }

    private static bool IsAwaitable(ITypeSymbol type)
    {
        if (type.ContainingNamespace?.ToDisplayString() == TasksNamespace && type.Name is "Task" or "ValueTask")
        {
            return true;
        }

        return type.GetAttributes().Any(a => a.AttributeClass?.Name == "AsyncMethodBuilderAttribute");
    }
}
