using System.ComponentModel;

namespace Coap.Routing;

/// <summary>
/// The multicast opt-in check generated handlers make for actions without <see cref="MulticastAttribute"/>,
/// right after the OSCORE check, so a group request to such a resource runs nothing of the action; and the
/// Leisure opt-out of actions marked <c>[Multicast(DelayResponses = false)]</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CoapMulticastGate
{
    /// <summary>
    /// Whether the request may reach an action that did not opt in to multicast: true for unicast requests.
    /// For a request that arrived via multicast it returns false and marks the exchange silent (no response
    /// at all, whatever No-Response says); the handler then returns.
    /// </summary>
    /// <param name="context">The request being routed.</param>
    public static bool Permits(CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsMulticast)
        {
            return true;
        }

        context.MulticastSilenced = true;
        return false;
    }

    /// <summary>
    /// Called by generated handlers of actions marked <c>[Multicast(DelayResponses = false)]</c>: the library sends
    /// the response to a group request without a Leisure (the application schedules its own delay), and
    /// observations the request registers get their notifications without one. Suppression and the
    /// amplification cap still apply.
    /// </summary>
    /// <param name="context">The request being routed.</param>
    public static void SendWithoutLeisure(CoapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.MulticastDelaysDisabled = true;
    }
}
