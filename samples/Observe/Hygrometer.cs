namespace ObserveSample;

/// <summary>A simulated humidity sensor: a random walk between 30 % and 70 %.</summary>
public sealed class Hygrometer
{
    private double _percent = 45;

    /// <summary>The last reading, in percent.</summary>
    public double Percent => Volatile.Read(ref _percent);

    /// <summary>Takes a new reading: up to ±0.8 points from the last.</summary>
    public double Sample()
    {
        var next = Math.Clamp(Math.Round(Percent + ((Random.Shared.NextDouble() - 0.5) * 1.6), 1), 30, 70);
        Volatile.Write(ref _percent, next);
        return next;
    }
}
