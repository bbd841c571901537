namespace Coap.Generators.Model;

/// <summary>Where an action parameter's value comes from.</summary>
internal enum ParameterSource
{
    Route,
    CatchAll,
    Query,
    Payload,
    Services,
    Context,
    CancellationToken,
}
