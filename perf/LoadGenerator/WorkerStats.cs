namespace Coap.LoadGenerator;

/// <summary>Phases of a run, shared by the controlling thread and the workers.</summary>
internal sealed class RunControl
{
    public const int Warmup = 0;
    public const int Measure = 1;
    public const int Stop = 2;

    private volatile int _phase;

    public int Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public bool Measuring => _phase == Measure;

    public required long TimeoutTicks { get; init; }
}

/// <summary>What one worker thread counted while measuring; merged after the run.</summary>
internal sealed class WorkerStats
{
    public long Sent;
    public long Completed;
    public long Lost;
    public long Mismatched;
    public long Stale;
    public long ErrorCodes;
    public long Resets;
    public long SocketErrors;

    public Histogram Latency { get; } = new();

    /// <summary>Counts one answer to a request in flight: a reset, a token mismatch, or a completion with its latency.</summary>
    public void RecordAnswer(CoapMessageType type, CoapCode code, bool tokenMatches, long elapsedTicks, bool measuring)
    {
        if (!measuring)
        {
            return;
        }

        if (type == CoapMessageType.Reset)
        {
            Resets++;
        }
        else if (!tokenMatches)
        {
            Mismatched++;
        }
        else
        {
            Completed++;
            Latency.Record((long)(elapsedTicks * (1_000_000_000.0 / System.Diagnostics.Stopwatch.Frequency)));
            if (!code.IsSuccess)
            {
                ErrorCodes++;
            }
        }
    }

    public void Add(WorkerStats other)
    {
        Sent += other.Sent;
        Completed += other.Completed;
        Lost += other.Lost;
        Mismatched += other.Mismatched;
        Stale += other.Stale;
        ErrorCodes += other.ErrorCodes;
        Resets += other.Resets;
        SocketErrors += other.SocketErrors;
        Latency.Add(other.Latency);
    }
}
