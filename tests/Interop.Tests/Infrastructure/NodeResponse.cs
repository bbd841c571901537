using System.Text.Json.Serialization;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>The JSON line node/client.js prints for a response.</summary>
internal sealed record NodeResponse(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("payloadHex")] string PayloadHex);
