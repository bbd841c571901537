using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Server-side block-wise responses (Block2, Q-Block2): 820–839.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 820, Level = LogLevel.Trace, Message = "Block {Number} for {Remote} served from the response body cache", EventName = "BlockServedFromCache")]
    public static partial void BlockServedFromCache(ILogger logger, int number, PeerAddressText remote);
}
