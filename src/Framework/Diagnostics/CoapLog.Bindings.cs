using Microsoft.Extensions.Logging;

namespace Coap.Diagnostics;

/// <summary>Link bindings (draft-ietf-core-dynlink): 700–749.</summary>
internal static partial class CoapLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Link bindings: the engine runs the Binding Table at {Path}, reaching local resources at {LocalBase}", EventName = "BindingEngineStarted")]
    public static partial void BindingEngineStarted(ILogger logger, string path, string localBase);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Binding started: {Binding}", EventName = "BindingStarted")]
    public static partial void BindingStarted(ILogger logger, LinkBinding binding);

    [LoggerMessage(EventId = 702, Level = LogLevel.Debug, Message = "Binding stopped: {Binding}", EventName = "BindingStopped")]
    public static partial void BindingStopped(ILogger logger, LinkBinding binding);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Binding {Binding}: reading the source {Uri} failed; retrying (logged once until it works)", EventName = "BindingSourceFailed")]
    public static partial void BindingSourceFailed(ILogger logger, LinkBinding binding, string uri, Exception exception);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Binding {Binding}: the source {Uri} answered {Code}; retrying (logged once until it works)", EventName = "BindingSourceRefused")]
    public static partial void BindingSourceRefused(ILogger logger, LinkBinding binding, string uri, CoapCode code);

    [LoggerMessage(EventId = 705, Level = LogLevel.Debug, Message = "Binding {Binding}: the observation of {Uri} ended; observing again in {Delay}", EventName = "BindingObservationEnded")]
    public static partial void BindingObservationEnded(ILogger logger, LinkBinding binding, string uri, TimeSpan delay);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "Binding {Binding}: {Method} {Uri} answered {Code} (logged once until a copy succeeds)", EventName = "BindingDestinationRefused")]
    public static partial void BindingDestinationRefused(ILogger logger, LinkBinding binding, CoapCode method, string uri, CoapCode code);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "Binding {Binding}: {Method} {Uri} failed (logged once until a copy succeeds)", EventName = "BindingDestinationFailed")]
    public static partial void BindingDestinationFailed(ILogger logger, LinkBinding binding, CoapCode method, string uri, Exception exception);

    [LoggerMessage(EventId = 708, Level = LogLevel.Debug, Message = "Binding {Binding}: {Method} to the group {Uri} failed; group requests are not retried", EventName = "BindingGroupSendFailed")]
    public static partial void BindingGroupSendFailed(ILogger logger, LinkBinding binding, CoapCode method, string uri, Exception exception);

    [LoggerMessage(EventId = 709, Level = LogLevel.Error, Message = "Binding {Binding} stopped after an unexpected error; rewrite the table to restart it", EventName = "BindingCrashed")]
    public static partial void BindingCrashed(ILogger logger, LinkBinding binding, Exception exception);
}
