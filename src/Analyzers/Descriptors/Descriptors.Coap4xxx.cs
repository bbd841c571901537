using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

// COAP4001–COAP4999: observation ([Observable], [Binding], notifiers).
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor COAP4001_ObservableRequiresGetOrFetch = new(
        id: "COAP4001",
        title: "[Observable] on an action that is not GET or FETCH",
        messageFormat: "Action '{0}' is [Observable] but answers {1}; Observe is defined for GET and FETCH only, so map it with [Get] or [Fetch] or remove [Observable]",
        category: DiagnosticCategories.Observation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A client registers as an observer with the Observe option on a GET request (RFC 7641 §2) or a FETCH request (RFC 8132 §2.4). The Observe option has no meaning on POST, PUT, DELETE, PATCH or iPATCH, so such an action can never be observed.",
        helpLinkUri: HelpLink("COAP4001"));

    public static readonly DiagnosticDescriptor COAP4002_ObservableNeverNotified = new(
        id: "COAP4002",
        title: "Observable action is never notified",
        messageFormat: "Observable action '{0}' is never notified: inject ICoapNotifier<{1}> and call Notify{2}() when the resource changes",
        category: DiagnosticCategories.Observation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Observers of an [Observable] action get a notification only when the application signals a change through ICoapNotifier<TController> (or CoapObservations.Notify). When nothing in the project uses the controller's notifier, observers receive the first response and then nothing, unless the action streams its values (IAsyncEnumerable<T>, IObservable<T>).",
        helpLinkUri: HelpLink("COAP4002"),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor COAP4003_InvalidBindingValue = new(
        id: "COAP4003",
        title: "[Binding] value cannot hold",
        messageFormat: "[Binding] on '{0}': {1}",
        category: DiagnosticCategories.Observation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The conditional attributes of [Binding] become the resource's default c.pmin, c.pmax, c.st, c.gt, c.lt and c.band. Periods cannot be negative, a maximum period must be positive and not below the minimum period, a step must be positive, no value may be infinite, and a band needs at least one threshold. NaN, the default, means \"not set\".",
        helpLinkUri: HelpLink("COAP4003"));

    public static readonly DiagnosticDescriptor COAP4004_BindingWithoutObservable = new(
        id: "COAP4004",
        title: "[Binding] on a GET or FETCH action that is not [Observable]",
        messageFormat: "Action '{0}' has [Binding] but is not [Observable]; add [Observable] so observe bindings and push work",
        category: DiagnosticCategories.Observation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A binding source is observed by its destinations (bind=obs) or pushes its state when it changes (bind=push); both need the resource to be observable. Without [Observable] only polling works, and the [Binding] periods and thresholds are never applied.",
        helpLinkUri: HelpLink("COAP4004"));
}
