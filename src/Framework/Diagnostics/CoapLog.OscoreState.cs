using Coap.Security.Oscore.State;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>
/// OSCORE per-context state (replay windows, sender sequence numbers, key usage limits): event IDs 930–949.
/// Contexts appear as the short hash of <see cref="OscoreStateKey"/>; no identifier, key or nonce is logged.
/// </summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 930, Level = LogLevel.Debug, Message = "OSCORE context {Context}: sender sequence numbers reserved up to {Bound}", EventName = "OscoreSequenceNumbersReserved")]
    public static partial void SequenceNumbersReserved(ILogger logger, string context, ulong bound);

    [LoggerMessage(EventId = 931, Level = LogLevel.Information, Message = "OSCORE context {Context}: sender sequence numbers resume at {Next} from the stored state", EventName = "OscoreSequenceNumbersResumed")]
    public static partial void SequenceNumbersResumed(ILogger logger, string context, ulong next);

    [LoggerMessage(EventId = 932, Level = LogLevel.Warning, Message = "OSCORE context {Context}: sender sequence numbers exhausted (2^40 - 1 used); messages can no longer be protected until the context is renewed", EventName = "OscoreSequenceNumbersExhausted")]
    public static partial void SequenceNumbersExhausted(ILogger logger, string context);

    [LoggerMessage(EventId = 933, Level = LogLevel.Debug, Message = "OSCORE context {Context}: saved the exact next sender sequence number {Next}", EventName = "OscoreSequenceNumbersSaved")]
    public static partial void SequenceNumbersSaved(ILogger logger, string context, ulong next);

    [LoggerMessage(EventId = 935, Level = LogLevel.Debug, Message = "OSCORE context {Context}: replay window invalidated; requests are refused until it is re-initialised", EventName = "OscoreReplayWindowInvalidated")]
    public static partial void ReplayWindowInvalidated(ILogger logger, string context);

    [LoggerMessage(EventId = 936, Level = LogLevel.Debug, Message = "OSCORE context {Context}: replay window re-initialised at Partial IV {PartialIv}", EventName = "OscoreReplayWindowReinitialized")]
    public static partial void ReplayWindowReinitialized(ILogger logger, string context, ulong partialIv);

    [LoggerMessage(EventId = 937, Level = LogLevel.Debug, Message = "OSCORE context {Context}: Partial IV {PartialIv} refused: {Result}", EventName = "OscoreReplayRefused")]
    public static partial void ReplayRefused(ILogger logger, string context, ulong partialIv, ReplayCheckResult result);

    [LoggerMessage(EventId = 940, Level = LogLevel.Warning, Message = "OSCORE context {Context}: key usage limit {Kind} reached ({Count} of {Limit}); the context must be rekeyed", EventName = "OscoreKeyLimitReached")]
    public static partial void KeyUsageLimitReached(ILogger logger, string context, OscoreKeyLimitKind kind, long count, long limit);

    [LoggerMessage(EventId = 941, Level = LogLevel.Debug, Message = "OSCORE context {Context}: key use refused ({Kind})", EventName = "OscoreKeyUseRefused")]
    public static partial void KeyUsageRefused(ILogger logger, string context, OscoreKeyLimitKind kind);
}
