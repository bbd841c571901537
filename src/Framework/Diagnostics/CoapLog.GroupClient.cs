using System.Net;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Client-side group requests (draft-ietf-core-groupcomm-bis): 1020–1039.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Sent {Method} to group {Group}; collecting responses for {Timeout}", EventName = "GroupRequestSent")]
    public static partial void GroupRequestSent(ILogger logger, CoapCode method, PeerAddressText group, TimeSpan timeout);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Group request {Method} to {Group} ended with {Count} responses; its token is quarantined for {Quarantine}", EventName = "GroupRequestEnded")]
    public static partial void GroupRequestEnded(ILogger logger, CoapCode method, PeerAddressText group, int count, TimeSpan quarantine);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Debug, Message = "Dropped {Code} from {Remote}: its group request has ended (token in quarantine)", EventName = "GroupLateResponse")]
    public static partial void GroupLateResponse(ILogger logger, CoapCode code, PeerAddressText remote);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Debug, Message = "Dropped a duplicate of message {MessageId} from {Remote} to a group request", EventName = "GroupDuplicateResponse")]
    public static partial void GroupDuplicateResponse(ILogger logger, ushort messageId, PeerAddressText remote);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "Dropped {Code} from {Remote}: the group request's consumer lags and its buffer is full (CoapGroupClientOptions.ResponseBufferCapacity)", EventName = "GroupResponseOverflow")]
    public static partial void GroupResponseOverflow(ILogger logger, CoapCode code, PeerAddressText remote);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Refused a group request: {Limit} group tokens are in flight or in quarantine (CoapGroupClientOptions.MaxGroupTokens)", EventName = "GroupTokensExhausted")]
    public static partial void GroupTokensExhausted(ILogger logger, int limit);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Warning, Message = "Fetching the rest of the block-wise response from {Remote} to a group request failed; that response is dropped", EventName = "GroupContinuationFailed")]
    public static partial void GroupContinuationFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Debug, Message = "{Method} to group {Group} waits for its turn: {NStart} group requests are open there (NSTART)", EventName = "GroupRequestQueued")]
    public static partial void GroupRequestQueued(ILogger logger, CoapCode method, PeerAddressText group, int nStart);

    [LoggerMessage(EventId = 1028, Level = LogLevel.Debug, Message = "{Method} to group {Group} waits {Delay}: the group answered nothing since the last transmission (PROBING_RATE {Rate} bytes/s)", EventName = "GroupRequestPaced")]
    public static partial void GroupRequestPaced(ILogger logger, CoapCode method, PeerAddressText group, TimeSpan delay, double rate);

    [LoggerMessage(EventId = 1029, Level = LogLevel.Warning, Message = "Refused a group request to {Group}: {Limit} requests wait for it already (CoapGroupClientOptions.MaxQueuedRequestsPerGroup)", EventName = "GroupQueueFull")]
    public static partial void GroupQueueFull(ILogger logger, PeerAddressText group, int limit);
}
