using Coap.Security.Oscore;
using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>OSCORE at the endpoint (900–929). Never logs keys, secrets or plaintext.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "OSCORE: {Count} security context(s) loaded", EventName = "OscoreContextsLoaded")]
    public static partial void OscoreContextsLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "OSCORE request from {Peer} refused: {Result}", EventName = "OscoreRequestRefused")]
    public static partial void OscoreRequestRefused(ILogger logger, PeerAddressText peer, OscoreUnprotectResult result);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "OSCORE context '{Context}': replay window not initialised since the restart; asking {Peer} to prove freshness with Echo", EventName = "OscoreEchoChallenge")]
    public static partial void OscoreEchoChallenge(ILogger logger, string context, PeerAddressText peer);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "OSCORE context '{Context}': freshness proven by Echo; replay window re-initialised", EventName = "OscoreFreshnessProven")]
    public static partial void OscoreFreshnessProven(ILogger logger, string context);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "OSCORE context '{Context}': message not protected: {Reason}", EventName = "OscoreProtectFailed")]
    public static partial void OscoreProtectFailed(ILogger logger, string context, string reason);

    [LoggerMessage(EventId = 905, Level = LogLevel.Debug, Message = "OSCORE response from {Peer} refused: {Result}", EventName = "OscoreResponseRefused")]
    public static partial void OscoreResponseRefused(ILogger logger, PeerAddressText peer, OscoreUnprotectResult result);
}
