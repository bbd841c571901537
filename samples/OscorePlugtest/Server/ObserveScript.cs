namespace OscorePlugtest.Server;

/// <summary>
/// The life of one observable plugtest resource: a registration (re)starts it at "one", an interval later
/// it reads "two", another interval later it fails with 5.00, and each step notifies the observers. A new
/// registration restarts the script (the plugtest has one observer at a time).
/// </summary>
public sealed class ObserveScript(TimeProvider time, TimeSpan interval, Action notify)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;

    /// <summary>The current stage.</summary>
    public ObserveStage Stage { get; private set; }

    /// <summary>Starts over at <see cref="ObserveStage.One"/>, abandoning the previous run's pending steps.</summary>
    public void Restart()
    {
        CancellationTokenSource run;
        lock (_gate)
        {
            _run?.Cancel();
            _run?.Dispose();
            _run = run = new CancellationTokenSource();
            Stage = ObserveStage.One;
        }

        _ = RunAsync(run.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            Advance(ObserveStage.Two, cancellationToken);
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            Advance(ObserveStage.Terminated, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A newer registration restarted the script.
        }
    }

    private void Advance(ObserveStage stage, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Stage = stage;
        }

        notify();
    }
}
