using Coap.Endpoint;
using Coap.Transport;

namespace Coap.Observe;

/// <summary>
/// One observer of one resource: where notifications go, its own view of the resource (the
/// conditional-attribute state) and its confirmable bookkeeping. Guarded by the registry lock.
/// </summary>
internal sealed class ObserveRegistration
{
    public ObserveRegistration(CoapObservations owner, RegistrationKey key, byte[] token, ConditionEvaluator evaluator, TimeSpan now)
    {
        Owner = owner;
        Key = key;
        Token = token;
        Evaluator = evaluator;
        LastConfirmableAt = now;
    }

    public CoapObservations Owner { get; }

    public RegistrationKey Key { get; }

    public CoapEndpoint Endpoint => Key.Endpoint;

    public PeerAddress Peer => Key.Peer;

    public byte[] Token { get; }

    /// <summary>The OSCORE binding of the (latest) registration request; notifications are protected with it when set.</summary>
    public Security.Oscore.OscoreRequestBinding Oscore { get; set; }

    /// <summary>The registration's conditional attributes and their state (its "resource state projection").</summary>
    public ConditionEvaluator Evaluator { get; set; }

    public RepresentationGroup Group { get; set; } = null!;

    /// <summary>
    /// The group address the latest (re-)registration arrived on, null when it came by unicast (or through an action
    /// without library delays): notifications then wait that group's Leisure slot (groupcomm-bis §3.7). Kept per
    /// registration, as a unicast and a group registrant may share a <see cref="RepresentationGroup"/>.
    /// </summary>
    public System.Net.IPAddress? GroupAddress { get; set; }

    /// <summary>Position in <see cref="RepresentationGroup.Members"/>, for removal in constant time.</summary>
    public int GroupIndex { get; set; }

    /// <summary>When the last confirmable notification (or the registration) went out.</summary>
    public TimeSpan LastConfirmableAt { get; set; }

    /// <summary>The confirmable notification still being retransmitted, if any.</summary>
    public NotificationTransmission? Outstanding { get; set; }

    /// <summary>The message ID of the last non-confirmable notification, so a RST for it can be matched.</summary>
    public ushort? LastNonConfirmableId { get; set; }

    /// <summary>Wakes the registration for pmin, pmax and epmax deadlines (only when it has conditions).</summary>
    public ITimer? Timer { get; set; }

    public bool Removed { get; set; }

    /// <summary>The Max-Age to send: the representation's, capped at pmax so caches do not outlive it (CA-21).</summary>
    public uint MaxAgeFor(NotificationRepresentation representation)
    {
        var maxAge = representation.MaxAge;
        if (Evaluator.Attributes.MaxPeriod is { } pmax && pmax < maxAge)
        {
            maxAge = (uint)Math.Max(1, Math.Ceiling(pmax));
        }

        return maxAge;
    }
}
