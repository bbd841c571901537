namespace Coap;

/// <summary>
/// Handles complete requests for a <see cref="CoapServer"/>: the generated router is one.
/// Write the answer into <see cref="CoapContext.Response"/>; the server sends it
/// piggybacked, or separately if the handler takes longer than
/// <see cref="CoapMessagingOptions.SeparateResponseDelay"/>.
/// </summary>
public interface ICoapRequestHandler
{
    /// <summary>Handles one request. Exceptions become 5.00 responses.</summary>
    ValueTask HandleAsync(CoapContext context);
}
