using Coap;

namespace OscorePlugtest.Client;

/// <summary>Runs the cases one after the other, each within the case timeout, turning every way a case can end into a verdict.</summary>
public static class CaseRunner
{
    /// <summary>Runs <paramref name="cases"/> against the run's server, in order.</summary>
    public static async Task<IReadOnlyList<(PlugtestCase Case, CaseResult Result)>> RunAsync(
        PlugtestRun run, IEnumerable<PlugtestCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<(PlugtestCase, CaseResult)>();
        foreach (var testCase in cases)
        {
            results.Add((testCase, await RunOneAsync(run, testCase, cancellationToken)));
        }

        return results;
    }

    private static async Task<CaseResult> RunOneAsync(PlugtestRun run, PlugtestCase testCase, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(run.Settings.CaseTimeout);
        try
        {
            return await testCase.RunAsync(run, limit.Token);
        }
        catch (CheckFailedException ex)
        {
            return new CaseResult(Verdict.Fail, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CaseResult(Verdict.Fail, $"not finished within {run.Settings.CaseTimeout.TotalSeconds:0.#} s");
        }
        catch (CoapException ex)
        {
            return new CaseResult(Verdict.Fail, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
