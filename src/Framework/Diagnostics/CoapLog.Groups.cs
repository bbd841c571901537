using Coap.Endpoint;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Group communication at the server (1040–1059).</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Confirmable request from {Peer} arrived via multicast {Group}: ignored, group requests are NON (RFC 7252 §8.1); later ones are only counted (coap.group.requests.dropped)", EventName = "MulticastConfirmableIgnored")]
    public static partial void MulticastConfirmableIgnored(ILogger logger, PeerAddressText peer, string group);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Debug, Message = "Datagram from {Peer} via multicast dropped: {Reason}", EventName = "MulticastDropped")]
    public static partial void MulticastDropped(ILogger logger, PeerAddressText peer, MulticastDropReason reason);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Debug, Message = "Response {Code} to multicast request from {Peer} suppressed: {Reason}", EventName = "MulticastResponseSuppressed")]
    public static partial void MulticastResponseSuppressed(ILogger logger, CoapCode code, PeerAddressText peer, MulticastSuppression reason);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Debug, Message = "Response {Code} to multicast request from {Peer} waits {Delay} (Leisure)", EventName = "MulticastResponseDelayed")]
    public static partial void MulticastResponseDelayed(ILogger logger, CoapCode code, PeerAddressText peer, TimeSpan delay);

    [LoggerMessage(EventId = 1044, Level = LogLevel.Information, Message = "Response of {Length} bytes to an unauthenticated multicast request from {Peer} exceeds Coap:Groups:MaxUnauthenticatedResponseSize ({Cap}): suppressed", EventName = "MulticastAmplificationCapped")]
    public static partial void MulticastAmplificationCapped(ILogger logger, int length, PeerAddressText peer, int cap);

    [LoggerMessage(EventId = 1045, Level = LogLevel.Debug, Message = "Notification to {Peer} waits for group {Group}'s leisure slot ({Queued} queued)", EventName = "GroupNotificationWaits")]
    public static partial void GroupNotificationWaits(ILogger logger, PeerAddressText peer, System.Net.IPAddress group, int queued);

    [LoggerMessage(EventId = 1046, Level = LogLevel.Debug, Message = "Notification to {Peer} leaves in {Delay}, in group {Group}'s leisure slot", EventName = "GroupNotificationScheduled")]
    public static partial void GroupNotificationScheduled(ILogger logger, PeerAddressText peer, TimeSpan delay, System.Net.IPAddress group);

    [LoggerMessage(EventId = 1047, Level = LogLevel.Debug, Message = "Notification to {Peer} waiting for group {Group}'s leisure slot replaced by a newer one", EventName = "GroupNotificationSuperseded")]
    public static partial void GroupNotificationSuperseded(ILogger logger, PeerAddressText peer, System.Net.IPAddress group);

    [LoggerMessage(EventId = 1048, Level = LogLevel.Debug, Message = "Notification to {Peer} waiting for group {Group}'s leisure slot dropped: the observation ended", EventName = "GroupNotificationDropped")]
    public static partial void GroupNotificationDropped(ILogger logger, PeerAddressText peer, System.Net.IPAddress group);

    [LoggerMessage(EventId = 1049, Level = LogLevel.Debug, Message = "Request from {Peer} names application group '{Group}', which this server is not a member of: not handled", EventName = "ForeignApplicationGroup")]
    public static partial void ForeignApplicationGroup(ILogger logger, string group, PeerAddressText peer);
}
