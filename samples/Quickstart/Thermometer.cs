namespace Quickstart;

/// <summary>A thermometer that drifts towards its target, keeping its last samples.</summary>
public sealed class Thermometer
{
    private readonly Lock _gate = new();
    private readonly List<double> _samples = [21.5];

    /// <summary>The temperature the thermometer drifts towards.</summary>
    public double Target { get; set; } = 21.5;

    /// <summary>Takes a new sample, half-way from the last one to the target.</summary>
    public double Celsius
    {
        get
        {
            lock (_gate)
            {
                var next = Math.Round((_samples[^1] + Target) / 2, 2);
                _samples.Add(next);
                if (_samples.Count > 100)
                {
                    _samples.RemoveAt(0);
                }

                return next;
            }
        }
    }

    /// <summary>A past sample; 0 is the oldest kept.</summary>
    public bool TryGetSample(int index, out double celsius)
    {
        lock (_gate)
        {
            var found = index >= 0 && index < _samples.Count;
            celsius = found ? _samples[index] : 0;
            return found;
        }
    }
}
