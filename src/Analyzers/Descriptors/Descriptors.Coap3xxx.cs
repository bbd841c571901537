using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

// COAP3001–COAP3999: routing, templates, controllers and binding attributes.
internal static partial class Descriptors
{
    public static readonly DiagnosticDescriptor COAP3001_DuplicateRoute = new(
        id: "COAP3001",
        title: "Two actions map the same route",
        messageFormat: "Route '{0} {1}' of '{2}' is also mapped by '{3}'; change a template or a method so each request matches one action",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Two actions with the same method and the same template (parameter names aside, constraints included) would both match every such request. Rename a literal segment, add a constraint, or change the method.",
        helpLinkUri: HelpLink("COAP3001"),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor COAP3002_RouteParameterWithoutActionParameter = new(
        id: "COAP3002",
        title: "Route parameter has no action parameter",
        messageFormat: "Route parameter '{0}' in '{1}' is not bound to any parameter of action '{2}'; add a parameter named '{0}' or mark one [FromRoute(Name = \"{0}\")]",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A route parameter that no action parameter binds is matched and then thrown away, which is usually a typo in the template or in the parameter name.",
        helpLinkUri: HelpLink("COAP3002"));

    public static readonly DiagnosticDescriptor COAP3003_FromRouteParameterNotInTemplate = new(
        id: "COAP3003",
        title: "[FromRoute] parameter is not in the template",
        messageFormat: "Parameter '{0}' of action '{1}' is [FromRoute] but '{2}' has no route parameter '{3}'; add '{{{3}}}' to the template or bind the parameter another way",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A parameter marked [FromRoute] can only be bound from a route parameter of the same name (or the name given in [FromRoute(Name = ...)]). If the template has none, the action can never be called with a value.",
        helpLinkUri: HelpLink("COAP3003"));

    public static readonly DiagnosticDescriptor COAP3004_UnsupportedParameterType = new(
        id: "COAP3004",
        title: "Action parameter type cannot be bound",
        messageFormat: "Parameter '{0}' of action '{1}' cannot be bound: {2}; use int, long, uint, ushort, double, bool, Guid, string or an enum (or their nullable forms) for route and query values, byte[], ReadOnlyMemory<byte> or a class for the payload, or CoapContext, CancellationToken or a [FromServices] service",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated handler binds each action parameter from the route, the query, the payload or the services. Pointers, ref/out/in parameters, spans and other ref structs, delegates, open generic types, object and dynamic cannot be bound; route and query values bind only to simple types.",
        helpLinkUri: HelpLink("COAP3004"));

    public static readonly DiagnosticDescriptor COAP3005_UnsupportedReturnType = new(
        id: "COAP3005",
        title: "Action return type cannot be written as a response",
        messageFormat: "Action '{0}' returns '{1}', which cannot be written as a response: {2}; return void, CoapResult, string, byte[], ReadOnlyMemory<byte>, int, long, double, bool or a class (sent as JSON), or a Task or ValueTask of one of those",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated handler writes the action's result into the response. Spans and other ref structs, pointers, object, dynamic, delegates, open generic types, ref returns and tasks of tasks have no response form.",
        helpLinkUri: HelpLink("COAP3005"));

    public static readonly DiagnosticDescriptor COAP3006_InvalidController = new(
        id: "COAP3006",
        title: "Action outside a controller, or controller not deriving from CoapController",
        messageFormat: "'{0}' is not a valid CoAP controller: {1}",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator routes only to methods with a method attribute ([Get], [Put], ...) in classes marked [CoapController] that derive from Coap.CoapController. A method attribute anywhere else is ignored, and a controller that does not derive from CoapController cannot be given its request.",
        helpLinkUri: HelpLink("COAP3006"));

    public static readonly DiagnosticDescriptor COAP3007_InvalidQBlockValue = new(
        id: "COAP3007",
        title: "[QBlock] value cannot hold",
        messageFormat: "[QBlock] on '{0}': {1}",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The values of [QBlock] are the action's Q-Block transmission parameters (RFC 9177 §7.2): the block size is a power of two from 16 to 1024 (RFC 7959 §2.2), MAX_PAYLOADS is at least 1, NON_RECEIVE_TIMEOUT is at least NON_TIMEOUT × 1.5 + 1 s (RFC 9177 §7.2, taking 2000 ms and 4000 ms for an unset value), and no value is negative (NonMaxRetransmit may be −1, the endpoint's value). Zero leaves a value at the endpoint's setting.",
        helpLinkUri: HelpLink("COAP3007"));

    public static readonly DiagnosticDescriptor COAP3008_QBlockWithoutBody = new(
        id: "COAP3008",
        title: "[QBlock] on an action that transfers no body",
        messageFormat: "Action '{0}' has [QBlock] but takes {1} requests, which carry no body, and returns nothing; Q-Block never applies, so remove [QBlock]",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Q-Block (RFC 9177) moves large request bodies (Q-Block1) and large response bodies (Q-Block2). GET and DELETE requests carry no body, and an action returning void, Task or ValueTask writes none, so [QBlock] on such an action has nothing to transfer; it only makes the endpoint accept options 19 and 31 for the route.",
        helpLinkUri: HelpLink("COAP3008"));

    public static readonly DiagnosticDescriptor COAP3009_MixedOscoreProtection = new(
        id: "COAP3009",
        title: "Controller mixes OSCORE-protected and unprotected actions",
        messageFormat: "Controller '{0}' mixes OSCORE-protected and unprotected actions; mark '{1}' with [RequireOscore] or [AllowUnprotected]",
        category: DiagnosticCategories.Routing,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When some actions of a controller have [RequireOscore], an action with neither [RequireOscore] nor [AllowUnprotected] is served unprotected (unless CoapSecurityOptions.RequireOscore is on), which is easy to miss next to its protected neighbours. Say which it is, or put the attribute on the controller.",
        helpLinkUri: HelpLink("COAP3009"));
}
