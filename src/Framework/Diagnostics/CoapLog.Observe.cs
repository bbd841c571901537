using Coap.Observe;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Server-side Observe: 5xx.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "{Remote} observes {Path}", EventName = "ObserverAdded")]
    public static partial void ObserverAdded(ILogger logger, string path, PeerAddressText remote);

    [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "{Remote} no longer observes {Path}: {Reason}", EventName = "ObserverRemoved")]
    public static partial void ObserverRemoved(ILogger logger, string path, PeerAddressText remote, RemovalReason reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Observe registrations refused with 5.03: the limit is reached (Coap:Observe:MaxObservations {Total}, MaxObservationsPerPeer {PerPeer}); logged once", EventName = "ObserveLimitReached")]
    public static partial void ObserveLimitReached(ILogger logger, int total, int perPeer);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Rendering a notification of {Path} failed; its observers keep their registrations", EventName = "NotificationRenderFailed")]
    public static partial void NotificationRenderFailed(ILogger logger, string path, Exception exception);
}
