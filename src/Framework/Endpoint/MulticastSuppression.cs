namespace Coap.Endpoint;

/// <summary>Why the response to a multicast request was not sent; <see cref="None"/> when it goes out.</summary>
internal enum MulticastSuppression
{
    /// <summary>The response is sent.</summary>
    None,

    /// <summary>The resource did not opt in to multicast (<see cref="MulticastAttribute"/>).</summary>
    NotOptedIn,

    /// <summary>The default suppression of errors and empty 2.05 (groupcomm-bis §3.1.2).</summary>
    Default,

    /// <summary>The request's No-Response option (RFC 7967).</summary>
    NoResponse,

    /// <summary>Larger than the cap for unauthenticated senders (groupcomm-bis §6.3).</summary>
    AmplificationCap,

    /// <summary>The request named an application group this server is not a member of (groupcomm-bis §3.3).</summary>
    ForeignApplicationGroup,
}
