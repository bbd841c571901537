using System.Text.Json.Serialization;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>A JSON line node/observe.js prints: a response (the registration response or a notification), or an event it reports.</summary>
internal sealed record NodeNotification(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("observe")] uint? Observe,
    [property: JsonPropertyName("payload")] string? Payload,
    [property: JsonPropertyName("event")] string? Event);
