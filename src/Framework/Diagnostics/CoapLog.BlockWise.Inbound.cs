using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Request bodies received in blocks (Block1, Q-Block1): 800–819.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Debug, Message = "{Remote} started a {Kind} request body", EventName = "InboundTransferStarted")]
    public static partial void InboundTransferStarted(ILogger logger, PeerAddressText remote, string kind);

    [LoggerMessage(EventId = 801, Level = LogLevel.Debug, Message = "{Remote} completed a request body of {Length} bytes", EventName = "InboundTransferCompleted")]
    public static partial void InboundTransferCompleted(ILogger logger, PeerAddressText remote, int length);

    [LoggerMessage(EventId = 802, Level = LogLevel.Debug, Message = "A partial request body from {Remote} timed out and was dropped", EventName = "InboundTransferExpired")]
    public static partial void InboundTransferExpired(ILogger logger, PeerAddressText remote);

    [LoggerMessage(EventId = 803, Level = LogLevel.Debug, Message = "A partial Q-Block1 body from {Remote} was dropped after {Requests} unanswered requests for missing blocks", EventName = "InboundTransferGivenUp")]
    public static partial void InboundTransferGivenUp(ILogger logger, PeerAddressText remote, int requests);

    [LoggerMessage(EventId = 804, Level = LogLevel.Debug, Message = "{Remote} reset a request for missing blocks; its partial body was dropped", EventName = "InboundTransferAbandoned")]
    public static partial void InboundTransferAbandoned(ILogger logger, PeerAddressText remote);

    [LoggerMessage(EventId = 805, Level = LogLevel.Debug, Message = "Asked {Remote} for {Count} missing blocks from {First}", EventName = "MissingBlocksRequested")]
    public static partial void MissingBlocksRequested(ILogger logger, PeerAddressText remote, int count, int first);

    [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "A request body from {Remote} was refused with 5.03: {Limit} reached", EventName = "InboundTransferRefused")]
    public static partial void InboundTransferRefused(ILogger logger, PeerAddressText remote, string limit);

    [LoggerMessage(EventId = 807, Level = LogLevel.Debug, Message = "Block {Block} from {Remote} answered {Code}: {Reason}", EventName = "InboundBlockRejected")]
    public static partial void InboundBlockRejected(ILogger logger, CoapBlock block, PeerAddressText remote, CoapCode code, string reason);

    [LoggerMessage(EventId = 808, Level = LogLevel.Warning, Message = "Q-Block runs without OSCORE or DTLS (RFC 9177 §11 does not recommend NoSec); set AllowNoSec to accept it. Logged once per parameter set", EventName = "QBlockWithoutSecurity")]
    public static partial void QBlockWithoutSecurity(ILogger logger);

    [LoggerMessage(EventId = 809, Level = LogLevel.Debug, Message = "A late block of a finished Q-Block1 body from {Remote} got the final response again", EventName = "FinalResponseRepeated")]
    public static partial void FinalResponseRepeated(ILogger logger, PeerAddressText remote);
}
