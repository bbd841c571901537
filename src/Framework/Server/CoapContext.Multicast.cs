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

    /// <summary>
    /// The application group the request named (<c>/gp/&lt;name&gt;/…</c> or <c>gp=&lt;name&gt;</c>, see
    /// <see cref="CoapGroupOptions.ApplicationGroups"/>), one this server is a member of; null when it named none.
    /// </summary>
    public string? ApplicationGroup { get; internal set; }

    /// <summary>The request named an application group this server is not in: nothing runs, a group request gets no answer. Reset by <see cref="Initialize"/>.</summary>
    internal bool ApplicationGroupRefused { get; set; }
}
