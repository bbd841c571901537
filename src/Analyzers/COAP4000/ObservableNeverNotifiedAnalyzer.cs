using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coap.Analyzers;

/// <summary>
/// COAP4002: an <c>[Observable]</c> action whose controller's <c>ICoapNotifier&lt;TController&gt;</c>
/// appears nowhere in the project's own code (generated code aside: that is where the
/// <c>NotifyX()</c> extensions live). A field, property, parameter or local of that type, or any
/// expression of it (a receiver, a resolved service), counts as notifying. A call to
/// <c>CoapObservations.Notify</c> counts for every controller (a path can name any resource),
/// and so does <c>ICoapNotifier&lt;T&gt;</c> with an open <c>T</c>. Actions that stream their
/// values (<c>IAsyncEnumerable&lt;T&gt;</c>, <c>IObservable&lt;T&gt;</c>) notify themselves.
/// Decided when the compilation ends; reported on the action's name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObservableNeverNotifiedAnalyzer : CoapAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP4002_ObservableNeverNotified);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.Observable is null || known.Notifier is null)
        {
            return;
        }

        var state = new State(known);
        context.RegisterSymbolAction(symbol => state.AnalyzeSymbol(symbol), SymbolKind.Field, SymbolKind.Property, SymbolKind.Method);
        context.RegisterOperationAction(
            operation => state.AnalyzeOperation(operation.Operation),
            OperationKind.Invocation,
            OperationKind.VariableDeclarator,
            OperationKind.LocalReference,
            OperationKind.ParameterReference,
            OperationKind.FieldReference,
            OperationKind.PropertyReference,
            OperationKind.Conversion);
        context.RegisterCompilationEndAction(state.Report);
    }

    /// <summary>What one compilation has seen so far; symbol and operation actions run concurrently.</summary>
    private sealed class State(CoapKnownTypes known)
    {
        private readonly ConcurrentBag<IMethodSymbol> _observableActions = [];
        private readonly ConcurrentDictionary<ITypeSymbol, byte> _notifiedControllers = new(SymbolEqualityComparer.Default);
        private int _notifiesEverything;

        public void AnalyzeSymbol(SymbolAnalysisContext context)
        {
            switch (context.Symbol)
            {
                case IFieldSymbol field:
                    Saw(field.Type);
                    break;
                case IPropertySymbol property:
                    Saw(property.Type);
                    break;
                case IMethodSymbol method:
                    Saw(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        Saw(parameter.Type);
                    }

                    if (IsUnnotifiedCandidate(method))
                    {
                        _observableActions.Add(method);
                    }

                    break;
            }
        }

        public void AnalyzeOperation(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var target = invocation.TargetMethod;
                    if (target.Name == "Notify" && known.Observations is { } observations
                        && SymbolEqualityComparer.Default.Equals(target.ContainingType, observations))
                    {
                        Interlocked.Exchange(ref _notifiesEverything, 1);
                    }

                    Saw(invocation.Instance?.Type);
                    if (target.IsExtensionMethod && invocation.Arguments.Length > 0)
                    {
                        Saw(invocation.Arguments[0].Value.Type);
                    }

                    Saw(invocation.Type);
                    break;
                case IVariableDeclaratorOperation declarator:
                    Saw(declarator.Symbol.Type);
                    break;
                default:
                    Saw(operation.Type);
                    break;
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (Volatile.Read(ref _notifiesEverything) != 0)
            {
                return;
            }

            foreach (var action in _observableActions.OrderBy(a => a.ContainingType.Name, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal))
            {
                var controller = action.ContainingType;
                if (_notifiedControllers.ContainsKey(controller.OriginalDefinition))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.COAP4002_ObservableNeverNotified,
                    action.Locations.IsEmpty ? Location.None : action.Locations[0],
                    controller.Name + "." + action.Name,
                    controller.Name,
                    action.Name));
            }
        }

        /// <summary>An <c>[Observable]</c> action that does not stream its values.</summary>
        private bool IsUnnotifiedCandidate(IMethodSymbol method) =>
            known.HasAttribute(method, known.Observable)
            && known.IsAction(method)
            && !IsStream(method.ReturnType);

        private bool IsStream(ITypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            return (known.AsyncEnumerable is not null && SymbolEqualityComparer.Default.Equals(definition, known.AsyncEnumerable))
                || (known.ObservableOfT is not null && SymbolEqualityComparer.Default.Equals(definition, known.ObservableOfT));
        }

        /// <summary>Records the controller of an <c>ICoapNotifier&lt;TController&gt;</c>; any other type is ignored.</summary>
        private void Saw(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol notifier || !known.IsNotifier(notifier))
            {
                return;
            }

            var controller = notifier.TypeArguments[0];
            if (controller.TypeKind == TypeKind.TypeParameter)
            {
                Interlocked.Exchange(ref _notifiesEverything, 1);
            }
            else
            {
                _notifiedControllers.TryAdd(controller.OriginalDefinition, 0);
            }
        }
    }
}
