using System.Net;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Client downloads of block-wise response bodies (RFC 7959 Block2, RFC 9177 Q-Block2): 860–879.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 860, Level = LogLevel.Debug, Message = "The ETag of the body from {Remote} changed at byte {Offset}; restarting the download ({Restart} of {MaxRestarts})", EventName = "DownloadRestarted")]
    public static partial void DownloadRestarted(ILogger logger, IPEndPoint remote, long offset, int restart, int maxRestarts);

    [LoggerMessage(EventId = 861, Level = LogLevel.Debug, Message = "Downloaded {Bytes} bytes in {Blocks} blocks from {Remote}", EventName = "DownloadCompleted")]
    public static partial void DownloadCompleted(ILogger logger, long bytes, int blocks, IPEndPoint remote);

    [LoggerMessage(EventId = 862, Level = LogLevel.Debug, Message = "Download from {Remote} failed", EventName = "DownloadFailed")]
    public static partial void DownloadFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 863, Level = LogLevel.Debug, Message = "Block-wise notification {Observe} from {Remote} superseded by a newer one before its body was complete", EventName = "NotificationBodySuperseded")]
    public static partial void NotificationBodySuperseded(ILogger logger, uint observe, IPEndPoint remote);

    [LoggerMessage(EventId = 864, Level = LogLevel.Debug, Message = "Dropped block-wise notification {Observe} from {Remote}: its remaining blocks could not be fetched", EventName = "NotificationBodyFailed")]
    public static partial void NotificationBodyFailed(ILogger logger, uint observe, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 865, Level = LogLevel.Debug, Message = "Q-Block2 from {Remote}: asking for {Count} missing blocks (attempt {Attempt})", EventName = "QBlock2MissingRequested")]
    public static partial void QBlock2MissingRequested(ILogger logger, IPEndPoint remote, int count, int attempt);

    [LoggerMessage(EventId = 866, Level = LogLevel.Debug, Message = "Q-Block2 from {Remote}: the ETag changed; dropping the partial body", EventName = "QBlock2EtagChanged")]
    public static partial void QBlock2EtagChanged(ILogger logger, IPEndPoint remote);
}
