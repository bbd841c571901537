using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coap.Analyzers;

/// <summary>
/// COAP2001: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, <c>Thread.Sleep</c>,
/// <c>Task.WaitAll</c> and <c>Task.WaitAny</c> in an action's own body (lambdas and local
/// functions are left alone: they may run elsewhere).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallInActionAnalyzer : CoapAnalyzer
{
    /// <summary>The diagnostic property that names the blocking construct, for the code fix.</summary>
    public const string KindProperty = "Kind";

    public const string KindResult = "Result";
    public const string KindGetResult = "GetResult";
    public const string KindWait = "Wait";
    public const string KindSleep = "Sleep";
    public const string KindWaitAll = "WaitAll";
    public const string KindWaitAny = "WaitAny";

    private const string AwaitInstead = "await the task instead and make the action return Task or ValueTask";

    private static readonly string[] s_awaiterTypes =
    [
        "System.Runtime.CompilerServices.TaskAwaiter",
        "System.Runtime.CompilerServices.TaskAwaiter`1",
        "System.Runtime.CompilerServices.ValueTaskAwaiter",
        "System.Runtime.CompilerServices.ValueTaskAwaiter`1",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP2001_BlockingCallInAction);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        var awaiters = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in s_awaiterTypes)
        {
            if (context.Compilation.GetTypeByMetadataName(name) is { } type)
            {
                awaiters.Add(type);
            }
        }

        var awaiterTypes = awaiters.ToImmutable();
        context.RegisterOperationBlockStartAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol method || !known.IsAction(method))
            {
                return;
            }

            block.RegisterOperationAction(
                operation => AnalyzePropertyReference(operation, method, known),
                OperationKind.PropertyReference);
            block.RegisterOperationAction(
                operation => AnalyzeInvocation(operation, method, known, awaiterTypes),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context, IMethodSymbol action, CoapKnownTypes known)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name == "Result"
            && known.IsGenericTask(reference.Property.ContainingType)
            && IsInActionBody(reference))
        {
            Report(context, action, reference, ".Result", KindResult, AwaitInstead);
        }
    }

    private static void AnalyzeInvocation(
        OperationAnalysisContext context,
        IMethodSymbol action,
        CoapKnownTypes known,
        ImmutableHashSet<INamedTypeSymbol> awaiterTypes)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var target = invocation.TargetMethod;
        var containing = target.ContainingType;
        if (containing is null || !IsInActionBody(invocation))
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(containing, known.Task))
        {
            switch (target.Name)
            {
                case "Wait" when !target.IsStatic:
                    Report(context, action, invocation, ".Wait()", KindWait, AwaitInstead);
                    break;
                case "WaitAll" when target.IsStatic:
                    Report(context, action, invocation, "Task.WaitAll", KindWaitAll, "use 'await Task.WhenAll(...)' instead");
                    break;
                case "WaitAny" when target.IsStatic:
                    Report(context, action, invocation, "Task.WaitAny", KindWaitAny, "use 'await Task.WhenAny(...)' instead");
                    break;
            }
        }
        else if (target.Name == "Sleep" && target.IsStatic && SymbolEqualityComparer.Default.Equals(containing, known.Thread))
        {
            Report(context, action, invocation, "Thread.Sleep", KindSleep, "use 'await Task.Delay(...)' instead");
        }
        else if (target.Name == "GetResult" && !target.IsStatic && awaiterTypes.Contains(containing.OriginalDefinition))
        {
            Report(context, action, invocation, ".GetAwaiter().GetResult()", KindGetResult, AwaitInstead);
        }
    }

    /// <summary>False inside lambdas, local functions and nameof.</summary>
    private static bool IsInActionBody(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or INameOfOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static void Report(OperationAnalysisContext context, IMethodSymbol action, IOperation operation, string call, string kind, string advice)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP2001_BlockingCallInAction,
            operation.Syntax.GetLocation(),
            properties,
            action.Name,
            call,
            advice));
    }
}
