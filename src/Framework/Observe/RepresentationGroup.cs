using Coap.Endpoint;
using Coap.Transport;

namespace Coap.Observe;

/// <summary>
/// The observers of one resource on one endpoint whose requests ask for the same representation
/// (same options apart from Observe, Uri-Host, Uri-Port and conditional parameters; same FETCH
/// body): the resource is rendered once per change for all of them. Guarded by the registry lock.
/// </summary>
internal sealed class RepresentationGroup(ObservedResource resource, CoapEndpoint endpoint, byte[] signature, byte[] request, PeerAddress peer, DatagramInfo info)
{
    public ObservedResource Resource { get; } = resource;

    public CoapEndpoint Endpoint { get; } = endpoint;

    public byte[] Signature { get; } = signature;

    /// <summary>The first registrant's request, replayed through the handler to render each change.</summary>
    public byte[] Request { get; } = request;

    public PeerAddress Peer { get; } = peer;

    public DatagramInfo Info { get; } = info;

    public List<ObserveRegistration> Members { get; } = [];

    /// <summary>The latest rendering, used for deferred (pmin) and forced (pmax) notifications.</summary>
    public NotificationRepresentation? Latest { get; set; }

    /// <summary>A rendering is running; changes meanwhile set <see cref="Dirty"/> instead of starting another.</summary>
    public bool Rendering { get; set; }

    public bool Dirty { get; set; }

    public bool Removed { get; set; }

    /// <summary>The OSCORE identity of the registration request the group renders with (null: unprotected).</summary>
    public CoapSecurityIdentity? Security { get; init; }
}
