using System.Diagnostics;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>Waits for a condition that a peer or the server's background work makes true, polling instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    /// <summary>True as soon as <paramref name="condition"/> holds; false when <paramref name="limit"/> passed first.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed >= limit)
            {
                return condition();
            }

            await Task.Delay(s_poll);
        }

        return true;
    }

    /// <summary>Fails the test with <paramref name="because"/> (evaluated then) unless <paramref name="condition"/> holds within <paramref name="limit"/>.</summary>
    public static async Task AssertAsync(Func<bool> condition, TimeSpan limit, Func<string> because)
    {
        if (!await HoldsAsync(condition, limit))
        {
            Assert.Fail($"Not true within {limit.TotalSeconds:0.#} s: {because()}");
        }
    }
}
