namespace Coap;

public sealed partial class CoapContext
{
    /// <summary>
    /// The request came via multicast to a resource that did not opt in: nothing is sent for it
    /// (<see cref="Routing.CoapMulticastGate"/>). Reset by <see cref="Initialize"/>.
    /// </summary>
    internal bool MulticastSilenced { get; set; }

    /// <summary>
    /// The action opted out of the library's Leisure (<c>[Multicast(DelayResponses = false)]</c>): its response to a
    /// group request, and notifications to observations it registers, go at once. Reset by <see cref="Initialize"/>.
    /// </summary>
    internal bool MulticastDelaysDisabled { get; set; }
}
