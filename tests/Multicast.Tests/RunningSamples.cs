namespace Coap.MulticastTests;

/// <summary>Several samples started together (in parallel), disposed together: a group of servers for one test class.</summary>
internal sealed class RunningSamples : IAsyncDisposable
{
    private RunningSamples(IReadOnlyList<RunningSample> members) => Members = members;

    public IReadOnlyList<RunningSample> Members { get; }

    public static async Task<RunningSamples> StartAsync(IEnumerable<Func<Task<RunningSample>>> starts)
    {
        var tasks = starts.Select(start => start()).ToList();
        try
        {
            return new RunningSamples(await Task.WhenAll(tasks));
        }
        catch
        {
            // One failed to start: stop the ones that did, then report the failure.
            foreach (var task in tasks.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Everything each member printed, for assertion messages.</summary>
    public string Describe() => string.Join(Environment.NewLine, Members.Select(m => m.Process.Describe()));

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            await member.DisposeAsync();
        }
    }
}
