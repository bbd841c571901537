using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Client request bodies in blocks (Block1, Q-Block1) and the Q-Block probe: event IDs 840–859.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 840, Level = LogLevel.Debug, Message = "Q-Block probe of {Remote}: {Supported}", EventName = "QBlockProbed")]
    public static partial void QBlockProbed(ILogger logger, System.Net.IPEndPoint remote, bool supported);

    [LoggerMessage(EventId = 841, Level = LogLevel.Debug, Message = "{Remote} asked for Block1 blocks of {Size} bytes instead of {Previous}", EventName = "UploadBlockSizeReduced")]
    public static partial void UploadBlockSizeReduced(ILogger logger, System.Net.IPEndPoint remote, int size, int previous);

    [LoggerMessage(EventId = 842, Level = LogLevel.Debug, Message = "{Remote} answered 4.13 to a {Length}-byte request; sending it again in blocks of {Size} bytes", EventName = "UploadRetriedInBlocks")]
    public static partial void UploadRetriedInBlocks(ILogger logger, System.Net.IPEndPoint remote, int length, int size);

    [LoggerMessage(EventId = 843, Level = LogLevel.Debug, Message = "{Remote} answered 4.08 to a Block1 body; sending it again from the first block", EventName = "UploadRestarted")]
    public static partial void UploadRestarted(ILogger logger, System.Net.IPEndPoint remote);

    [LoggerMessage(EventId = 844, Level = LogLevel.Debug, Message = "{Remote} lists {Count} missing Q-Block1 blocks", EventName = "QBlockMissingBlocks")]
    public static partial void QBlockMissingBlocks(ILogger logger, PeerAddressText remote, int count);

    [LoggerMessage(EventId = 845, Level = LogLevel.Debug, Message = "Dropped a 4.08 from {Remote} whose missing-block list is malformed or not ascending", EventName = "QBlockMissingListDropped")]
    public static partial void QBlockMissingListDropped(ILogger logger, PeerAddressText remote);

    [LoggerMessage(EventId = 846, Level = LogLevel.Debug, Message = "Gave up the {Count}-block Q-Block1 body to {Remote}: no final response, the last wait {Limit}", EventName = "QBlockUploadTimedOut")]
    public static partial void QBlockUploadTimedOut(ILogger logger, PeerAddressText remote, int count, TimeSpan limit);

    [LoggerMessage(EventId = 847, Level = LogLevel.Debug, Message = "{Remote} reset a Q-Block request: that resource does not take Q-Block, falling back to Block1/Block2", EventName = "QBlockRefusedByResource")]
    public static partial void QBlockRefusedByResource(ILogger logger, System.Net.IPEndPoint remote);
}
