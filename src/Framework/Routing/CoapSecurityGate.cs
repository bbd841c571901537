using System.ComponentModel;

namespace Coap.Routing;

/// <summary>
/// The OSCORE check generated handlers make after route matching and before anything else of the
/// action runs (Observe registration, binding, the call), so a refused request leaves no trace.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CoapSecurityGate
{
    /// <summary>
    /// Whether the request may reach the action. When not, the response is already 4.01 Unauthorized
    /// with a short text/plain diagnostic payload (RFC 7252 §5.5.2) and the handler returns.
    /// </summary>
    /// <param name="context">The request being routed.</param>
    /// <param name="requirement">The action's requirement, fixed at compile time.</param>
    public static bool Permits(CoapContext context, CoapOscoreRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var permitted = requirement switch
        {
            CoapOscoreRequirement.Allowed => true,
            CoapOscoreRequirement.Required => context.Security is not null,
            _ => context.Security is not null || !context.OscoreRequiredByDefault,
        };
        if (!permitted)
        {
            // Nothing of the action has written to the response yet; what the server put there stays.
            var response = context.Response;
            response.Code = CoapCode.Unauthorized;
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.WritePayload("OSCORE required"u8);
        }

        return permitted;
    }
}
