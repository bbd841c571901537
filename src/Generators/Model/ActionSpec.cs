using Coap.Generators.Helpers;

namespace Coap.Generators.Model;

/// <summary>
/// One route: a method attribute on a controller method, with everything the emitter needs to
/// match, bind, invoke and describe it.
/// </summary>
/// <remarks>
/// Features (<c>Observable</c>, <c>Binding</c>, <c>QBlock</c>, …) are kept as names plus named
/// arguments, so supporting a new feature attribute adds a name, not a model change.
/// </remarks>
internal sealed record ActionSpec
{
    /// <summary>The C# method name, escaped with @ when it is a keyword.</summary>
    public required string MethodName { get; init; }

    public required RequestMethod Method { get; init; }

    /// <summary>The full template as the user wrote it, normalised: "/sensors/temp/{id:int}".</summary>
    public required string Template { get; init; }

    public required EquatableArray<RouteSegmentSpec> Segments { get; init; }

    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required ReturnSpec Return { get; init; }

    /// <summary>Static methods are called without a controller instance.</summary>
    public bool IsStatic { get; init; }

    /// <summary>"Temperature(int, string)", for the route list in the doc comment.</summary>
    public required string Signature { get; init; }

    /// <summary><c>[MaxAge]</c> seconds, if present.</summary>
    public uint? MaxAge { get; init; }

    /// <summary><c>[ContentFormat]</c> values; the first is the format of text and binary results.</summary>
    public EquatableArray<int> ContentFormats { get; init; }

    public EquatableArray<string> ResourceTypes { get; init; }

    public EquatableArray<string> Interfaces { get; init; }

    public string? Title { get; init; }

    public uint? SizeEstimate { get; init; }

    /// <summary>Whether the request must be OSCORE-protected, from <c>[RequireOscore]</c> and <c>[AllowUnprotected]</c>.</summary>
    public OscoreRequirement Oscore { get; init; }

    /// <summary>Whether requests that arrived via multicast reach the action, from <c>[Multicast]</c>.</summary>
    public bool Multicast { get; init; }

    /// <summary>The action opted out of the library's Leisure, from <c>[Multicast(DelayResponses = false)]</c>.</summary>
    public bool MulticastWithoutDelays { get; init; }

    /// <summary>The feature attributes present, by name without "Attribute" (e.g. "Observable").</summary>
    public EquatableArray<string> Features { get; init; }

    /// <summary>Named arguments of the feature attributes.</summary>
    public EquatableArray<FeatureParameterSpec> FeatureParameters { get; init; }
}
