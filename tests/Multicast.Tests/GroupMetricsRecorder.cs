using System.Diagnostics.Metrics;

namespace Coap.MulticastTests;

/// <summary>Sums the group counters of every endpoint's "Coap" meter, by instrument and coap.group.reason.</summary>
internal sealed class GroupMetricsRecorder : IDisposable
{
    public const string RequestsDropped = "coap.group.requests.dropped";
    public const string ResponsesSuppressed = "coap.group.responses.suppressed";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Instrument, string? Reason), long> _sums = [];
    private readonly Lock _gate = new();

    public GroupMetricsRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Coap" && instrument.Name is RequestsDropped or ResponsesSuppressed)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>How much <paramref name="instrument"/> counted with reason <paramref name="reason"/> so far.</summary>
    public long Count(string instrument, string reason)
    {
        lock (_gate)
        {
            return _sums.GetValueOrDefault((instrument, reason));
        }
    }

    /// <summary>Waits until the count reaches <paramref name="expected"/> (counting happens on the receive threads); false after 10 s.</summary>
    public async Task<bool> ReachesAsync(string instrument, string reason, long expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (Count(instrument, reason) < expected)
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? reason = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "coap.group.reason")
            {
                reason = tag.Value as string;
            }
        }

        lock (_gate)
        {
            _sums[(instrument.Name, reason)] = _sums.GetValueOrDefault((instrument.Name, reason)) + measurement;
        }
    }
}
