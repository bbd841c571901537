using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

// COAP2001–COAP2999: handler safety.
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor COAP2001_BlockingCallInAction = new(
        id: "COAP2001",
        title: "Blocking call in an action",
        messageFormat: "Action '{0}' blocks its thread with '{1}'; {2}",
        category: DiagnosticCategories.HandlerSafety,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An action that waits synchronously for a task, or sleeps, holds a thread-pool thread for as long as it waits. Under load the pool starves and every request slows down. Await the task or Task.Delay instead.",
        helpLinkUri: HelpLink("COAP2001"));

    public static readonly DiagnosticDescriptor COAP2002_AsyncVoidAction = new(
        id: "COAP2002",
        title: "Action is async void",
        messageFormat: "Action '{0}' is 'async void': the response is sent at its first await and its exceptions crash the process; return 'Task' instead",
        category: DiagnosticCategories.HandlerSafety,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The router cannot await an async void method: the response is sent when the method first awaits, and an exception thrown after that is unobserved and terminates the process.",
        helpLinkUri: HelpLink("COAP2002"));
}
