namespace Coap;

/// <summary>
/// The resource answers requests that arrived via IP multicast (group communication,
/// draft-ietf-core-groupcomm-bis). Unmarked resources ignore such requests: no handler runs and
/// nothing is sent (RFC 7252 §11.3: a server limits multicast to the resources that need it).
/// On a controller it covers every action. Base classes and overridden methods pass it on.
/// Responses to multicast requests still follow <see cref="CoapGroupOptions"/>: errors and empty 2.05 are
/// suppressed by default, and every response waits a random Leisure first.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class MulticastAttribute : Attribute
{
    /// <summary>
    /// Whether the library delays responses to group requests by a random Leisure (and paces notifications to
    /// observations registered by them). Default true. False (like libcoap's
    /// <c>COAP_RESOURCE_FLAGS_LIB_DIS_MCAST_DELAYS</c>) sends them at once: the application then schedules its own
    /// delay, e.g. by awaiting before it answers. Suppression and the amplification cap still apply.
    /// </summary>
    public bool DelayResponses { get; set; } = true;
}
