using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>One message a <see cref="RecordingLoggerFactory"/> kept.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Name ?? EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}]: {Message}{(Exception is null ? string.Empty : $" {Exception}")}";
}
