namespace Coap;

public sealed partial class CoapContext
{
    /// <summary>
    /// The request came via multicast to a resource that did not opt in: nothing is sent for it
    /// (<see cref="Routing.CoapMulticastGate"/>). Reset by <see cref="Initialize"/>.
    /// </summary>
    internal bool MulticastSilenced { get; set; }
}
