using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>A logger that hands entries at or above a level to its <see cref="RecordingLoggerFactory"/>.</summary>
internal sealed class RecordingLogger(RecordingLoggerFactory factory, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= factory.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            factory.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
