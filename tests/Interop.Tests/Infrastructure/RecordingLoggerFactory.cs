using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>
/// Keeps the log entries at or above <see cref="MinimumLevel"/> (Warning by default, so a flood
/// of Debug messages about malformed datagrams costs nothing), for tests to assert on.
/// </summary>
internal sealed class RecordingLoggerFactory(LogLevel minimumLevel = LogLevel.Warning) : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogLevel MinimumLevel => minimumLevel;

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Add(LogEntry entry) => _entries.Enqueue(entry);

    public void Dispose()
    {
    }
}
