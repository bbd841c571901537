using System.Net;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Client-side Observe (RFC 7641): 600–649.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "Registering an observation: {Method} to {Remote}", EventName = "ObservationStarted")]
    public static partial void ObservationStarted(ILogger logger, CoapCode method, PeerAddressText remote);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Dropped notification {Observe} from {Remote}: older than the latest one (reordered)", EventName = "StaleNotification")]
    public static partial void StaleNotification(ILogger logger, uint observe, PeerAddressText remote);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "No notification from {Remote} within Max-Age and the margin; re-registering {Method}", EventName = "Reregistering")]
    public static partial void Reregistering(ILogger logger, CoapCode method, PeerAddressText remote);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Observation at {Remote} ended by the server with {Code}", EventName = "ObservationEndedByServer")]
    public static partial void ObservationEndedByServer(ILogger logger, CoapCode code, PeerAddressText remote);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Observation {Method} at {Remote} cancelled by the client (deregistration sent: {Explicit})", EventName = "ObservationCancelled")]
    public static partial void ObservationCancelled(ILogger logger, CoapCode method, PeerAddressText remote, bool @explicit);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "Observation at {Remote} failed", EventName = "ObservationFailed")]
    public static partial void ObservationFailed(ILogger logger, PeerAddressText remote, Exception exception);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "Observation consumer lags: dropped the oldest buffered notification {Observe} from {Remote}", EventName = "NotificationOverflow")]
    public static partial void NotificationOverflow(ILogger logger, uint observe, IPEndPoint remote);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning, Message = "Refused to observe {Remote}: {Limit} observations are active (CoapClientOptions.MaxObservations)", EventName = "ObservationLimitReached")]
    public static partial void ObservationLimitReached(ILogger logger, int limit, PeerAddressText remote);
}
