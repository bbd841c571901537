using System.Net;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Multicast transport: group joins, leaves and failures (10xx).</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "udp://{EndPoint} joined multicast group {Group} on interface {Interface} (index {Index})", EventName = "MulticastGroupJoined")]
    public static partial void MulticastGroupJoined(ILogger logger, IPEndPoint endPoint, string group, string @interface, int index);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "udp://{EndPoint} cannot join multicast group {Group}: {Reason}", EventName = "MulticastJoinFailed")]
    public static partial void MulticastJoinFailed(ILogger logger, IPEndPoint endPoint, string group, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Left multicast group {Group} on interface {Interface}", EventName = "MulticastGroupLeft")]
    public static partial void MulticastGroupLeft(ILogger logger, string group, string @interface);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Multicast group {Group} not joined by udp://{EndPoint}: its socket cannot answer {Family} peers; add an endpoint of that family", EventName = "MulticastGroupSkipped")]
    public static partial void MulticastGroupSkipped(ILogger logger, string group, IPEndPoint endPoint, string family);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Receive on multicast group {Group} (interface {Interface}) failed: {Error}", EventName = "MulticastReceiveFailed")]
    public static partial void MulticastReceiveFailed(ILogger logger, string group, string @interface, System.Net.Sockets.SocketError error);
}
