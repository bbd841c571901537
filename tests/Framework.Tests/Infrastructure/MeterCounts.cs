using System.Diagnostics.Metrics;

namespace Coap.Tests;

/// <summary>Sums of each counter of one meter, keyed by name and tag values: <c>name[tag1][tag2]</c>.</summary>
internal sealed class MeterCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _sums = [];

    public MeterCounts(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"[{tag.Value}]";
            }

            lock (_sums)
            {
                _sums[key] = _sums.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    public long this[string key]
    {
        get
        {
            lock (_sums)
            {
                return _sums.GetValueOrDefault(key);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
