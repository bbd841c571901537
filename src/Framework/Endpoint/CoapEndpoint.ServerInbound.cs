namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    /// <summary>
    /// Request bodies in blocks (Block1, Q-Block1). Returns true when it took the request over: it then
    /// answers it (<see cref="CompleteResponse"/>) or dispatches it with the whole body (<see cref="Dispatch"/>).
    /// </summary>
    private bool TryInterceptInbound(CoapContext context) => false;

    /// <summary>Adds what the response to a request body's last block needs (the Block1 echo) before it is sent.</summary>
    private void OnInboundResponding(CoapContext context)
    {
    }
}
