namespace Coap.Interop.Tests.Infrastructure;

/// <summary>One response coap-client-notls <c>-v 6</c> logged while observing: the registration response or a notification.</summary>
/// <param name="Type">CON, NON or ACK.</param>
/// <param name="Code">The response code, e.g. "2.05".</param>
/// <param name="Observe">The Observe option, or null when the response had none.</param>
/// <param name="Payload">The payload as libcoap shows it (text between the quotes).</param>
internal sealed record LibCoapNotification(string Type, string Code, uint? Observe, string Payload);
