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
}
