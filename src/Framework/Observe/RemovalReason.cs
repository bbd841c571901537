namespace Coap.Observe;

/// <summary>Why an observer left the list (logged).</summary>
internal enum RemovalReason
{
    /// <summary>Observe 1 or a plain GET/FETCH with the same token.</summary>
    Deregistered,

    /// <summary>The client answered a notification with RST.</summary>
    Reset,

    /// <summary>A confirmable notification was never acknowledged.</summary>
    NotAcknowledged,

    /// <summary>The resource answered with an error, which ends every observation of it.</summary>
    ErrorResponse,

    /// <summary>The endpoint stopped.</summary>
    Stopped,
}
