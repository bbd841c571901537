using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Server-side block-wise responses (Block2, Q-Block2): 820–839.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 820, Level = LogLevel.Trace, Message = "Block {Number} for {Remote} served from the response body cache", EventName = "BlockServedFromCache")]
    public static partial void BlockServedFromCache(ILogger logger, int number, PeerAddressText remote);

    [LoggerMessage(EventId = 821, Level = LogLevel.Debug, Message = "Multicast request with Q-Block2 from {Remote} ignored (RFC 9177 §4.8)", EventName = "QBlock2MulticastIgnored")]
    public static partial void QBlock2MulticastIgnored(ILogger logger, PeerAddressText remote);

    [LoggerMessage(EventId = 822, Level = LogLevel.Debug, Message = "Q-Block2 request from {Remote} names a request body whose response is no longer kept: 4.08", EventName = "QBlock2BodyGone")]
    public static partial void QBlock2BodyGone(ILogger logger, PeerAddressText remote);
}
