namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    /// <summary>
    /// Requests for later blocks of a response (Block2 NUM &gt; 0, Q-Block2 'Continue' and missing-block
    /// requests). Returns true when it took the request over and will answer it.
    /// </summary>
    private bool TryInterceptOutbound(CoapContext context) => false;

    /// <summary>Sends a response too large for one message as blocks (Block2, Q-Block2). Returns true when it did.</summary>
    private bool TrySendBlockWise(CoapContext context, CoapMessageType type, ushort messageId) => false;
}
