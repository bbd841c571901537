using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Coap.Generators.Diagnostics;

/// <summary>
/// The generator's diagnostics: COAP1xxx, "the router cannot be generated for this". Each one
/// skips only what it names (an action, or a controller) and the rest is still generated.
/// Every ID has a page in <c>docs/diagnostics/</c> and a line in <c>AnalyzerReleases.Unshipped.md</c>.
/// Problems of correct use (ambiguous routes, blocking calls, …) are the analyzers' (COAP2xxx+).
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category of every COAP1xxx ID (see DiagnosticCategoryAndIdRanges.txt).</summary>
    public const string Category = "Generation";

    /// <summary>Where the per-ID pages live (the same root the analyzers use).</summary>
    public const string HelpLinkRoot = "https://github.com/coap-framework/coap/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor COAP1001_InvalidRouteTemplate = Rule(
        "COAP1001",
        "Invalid route template",
        "The route template '{0}' of '{1}' is invalid: {2}; the action is not routed",
        "A route template is made of '/'-separated segments, each either literal text, a parameter '{name}' or '{name:constraint}' (constraints: int, long, guid, double, bool), or a catch-all '{*name}' as the last segment.");

    public static readonly DiagnosticDescriptor COAP1002_UnsupportedParameter = Rule(
        "COAP1002",
        "Unsupported parameter type",
        "Parameter '{0}' of '{1}' cannot be bound: {2}; the action is not routed",
        "Route values and query parameters bind to string, int, long, uint, ushort, double, bool, Guid, enums and their nullable forms; the payload to byte[], ReadOnlyMemory<byte>, string, those simple types or a JSON type; services to any type with [FromServices] or an interface type; CoapContext and CancellationToken are provided.");

    public static readonly DiagnosticDescriptor COAP1003_UnsupportedReturnType = Rule(
        "COAP1003",
        "Unsupported return type",
        "'{0}' returns '{1}', which cannot be written as a response: {2}; the action is not routed",
        "Actions return void, CoapResult, string, byte[], ReadOnlyMemory<byte>, a number or bool, any JSON-serialisable type, or Task/ValueTask of these.");

    public static readonly DiagnosticDescriptor COAP1004_InvalidController = Rule(
        "COAP1004",
        "Invalid controller class",
        "'{0}' cannot be a CoAP controller: {1}; none of its actions are routed",
        "A [CoapController] class derives from Coap.CoapController, is public or internal (and so are the classes it is nested in), and is neither abstract, static nor generic.");

    public static readonly DiagnosticDescriptor COAP1005_NoUsableConstructor = Rule(
        "COAP1005",
        "No usable constructor",
        "'{0}' has no constructor the generated router can call: {1}; none of its actions are routed",
        "The generated router calls the public (or else internal) constructor with the most parameters, resolving each parameter from the services; ref, out and pointer parameters cannot be resolved, and required members must be set by that constructor ([SetsRequiredMembers]).");

    public static readonly DiagnosticDescriptor COAP1006_ActionNotCallable = Rule(
        "COAP1006",
        "Action cannot be called",
        "'{0}' cannot be called from the generated router: {1}; the action is not routed",
        "An action is a public or internal, non-generic method.");

    private static readonly Dictionary<string, DiagnosticDescriptor> _byId = new()
    {
        [COAP1001_InvalidRouteTemplate.Id] = COAP1001_InvalidRouteTemplate,
        [COAP1002_UnsupportedParameter.Id] = COAP1002_UnsupportedParameter,
        [COAP1003_UnsupportedReturnType.Id] = COAP1003_UnsupportedReturnType,
        [COAP1004_InvalidController.Id] = COAP1004_InvalidController,
        [COAP1005_NoUsableConstructor.Id] = COAP1005_NoUsableConstructor,
        [COAP1006_ActionNotCallable.Id] = COAP1006_ActionNotCallable,
    };

    /// <summary>Every descriptor, by ID.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ById => _byId;

    /// <summary>The help link of one ID: its page under docs/diagnostics/.</summary>
    public static string HelpLink(string id) => HelpLinkRoot + id + ".md";

    private static DiagnosticDescriptor Rule(string id, string title, string messageFormat, string description) =>
        new(id, title, messageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLink(id));
}
