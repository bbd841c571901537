namespace Coap;

/// <summary>Holds the request handler mapped after <c>Build()</c> (by <c>MapControllers</c>) until the server starts.</summary>
internal sealed class CoapHandlerSlot
{
    public ICoapRequestHandler? Handler { get; set; }
}
