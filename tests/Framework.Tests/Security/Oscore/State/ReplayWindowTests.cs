using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>The replay window of a Recipient Context (RFC 8613 §7.4, Appendix B.1.2; OS-05).</summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void Os05_SamePartialIvTwice_IsAcceptedOnce_ThenADuplicate()
    {
        var window = new ReplayWindow();

        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(0));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(0));
        Assert.Equal(ReplayWindow.DefaultSize, window.Size);
        Assert.Equal(0UL, window.Highest);
    }

    [Fact]
    public void DefaultWindow_OldestAcceptableValue_IsHighestMinus31_AndOneBelowIsTooOld()
    {
        var window = new ReplayWindow();
        Assert.True(window.TryAccept(100));

        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(68));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(69));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(69));
        Assert.Equal(100UL, window.Highest);
    }

    [Fact]
    public void ValuesInsideTheWindow_OutOfOrder_AreEachAcceptedOnce()
    {
        var window = new ReplayWindow();
        ulong[] order = [10, 3, 7, 11, 4, 9];

        foreach (var value in order)
        {
            Assert.True(window.TryAccept(value));
        }

        foreach (var value in order)
        {
            Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(value));
        }

        Assert.True(window.TryAccept(5));
        Assert.Equal(11UL, window.Highest);
    }

    [Fact]
    public void SlidingByLessThanTheWindow_ForgetsTheSlotsItPassesOver()
    {
        var window = new ReplayWindow(size: 4);
        for (ulong value = 0; value <= 3; value++)
        {
            Assert.True(window.TryAccept(value));
        }

        Assert.True(window.TryAccept(5));

        // 4 shares its slot with 0, which the slide dropped: 4 is new, 2 and 3 are still remembered, 1 has left the window.
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(4));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(3));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(2));
        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(1));
    }

    [Fact]
    public void JumpLargerThanTheWindow_MakesEverythingBeforeItTooOld_AndLeavesTheNewWindowEmpty()
    {
        var window = new ReplayWindow();
        for (ulong value = 0; value < 32; value++)
        {
            Assert.True(window.TryAccept(value));
        }

        Assert.True(window.TryAccept(1_000));

        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(31));
        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(968));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(969));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(999));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(1_000));
    }

    [Fact]
    public void Check_AnswersLikeAccept_ButRecordsNothing()
    {
        var window = new ReplayWindow();
        Assert.True(window.TryAccept(20));

        Assert.Equal(ReplayCheckResult.Accepted, window.Check(21));
        Assert.Equal(ReplayCheckResult.Accepted, window.Check(21));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Check(20));
        Assert.Equal(20UL, window.Highest);
        Assert.True(window.TryAccept(21));
    }

    [Fact]
    public void Os06_PartialIvAbove2Pow40Minus1_IsOutOfRange()
    {
        var window = new ReplayWindow();

        Assert.Equal(ReplayCheckResult.OutOfRange, window.Accept(ReplayWindow.MaxPartialIv + 1));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(ReplayWindow.MaxPartialIv));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(ReplayWindow.MaxPartialIv));
    }

    [Fact]
    public void WindowOfOne_AcceptsOnlyValuesAboveTheHighest()
    {
        var window = new ReplayWindow(size: 1);
        Assert.True(window.TryAccept(7));

        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(7));
        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(6));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(8));
    }

    [Fact]
    public void LargestWindow_SpansSeveralWords_AtItsEdges()
    {
        var window = new ReplayWindow(size: ReplayWindow.MaxSize);
        Assert.True(window.TryAccept(5_000));

        Assert.Equal(ReplayCheckResult.TooOld, window.Accept(5_000 - 1_024));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(5_000 - 1_023));
        Assert.Equal(ReplayCheckResult.Accepted, window.Accept(4_936));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(4_936));
        Assert.Equal(ReplayCheckResult.Duplicate, window.Accept(5_000 - 1_023));
    }

    [Fact]
    public void ManyThreads_AcceptingTheSamePartialIv_AcceptItExactlyOnce()
    {
        const int threads = 16;
        for (var round = 0; round < 50; round++)
        {
            var window = new ReplayWindow();
            var accepted = 0;
            using var start = new Barrier(threads);
            var workers = new Thread[threads];
            for (var i = 0; i < threads; i++)
            {
                workers[i] = new Thread(() =>
                {
                    start.SignalAndWait();
                    if (window.TryAccept(42))
                    {
                        Interlocked.Increment(ref accepted);
                    }
                });
                workers[i].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            Assert.Equal(1, accepted);
        }
    }

    [Fact]
    public void ManyThreads_AcceptingDistinctValuesInsideTheWindow_AcceptEveryOne()
    {
        var window = new ReplayWindow(size: 256);
        var accepted = 0;
        Parallel.For(0, 256, value =>
        {
            if (window.TryAccept((ulong)value))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        Assert.Equal(256, accepted);
        Assert.Equal(255UL, window.Highest);
    }

    [Fact]
    public void RandomArrivals_AgreeWithASetBasedModel()
    {
        var random = new Random(8613);
        var window = new ReplayWindow(size: 64);
        var seen = new HashSet<ulong>();
        ulong? highest = null;
        var current = 1_000UL;
        for (var i = 0; i < 20_000; i++)
        {
            current = (ulong)Math.Max(0, (long)current + random.Next(-40, 48));
            var value = current + (ulong)random.Next(0, 4);
            ReplayCheckResult expected;
            if (highest is { } h && value <= h && h - value >= 64)
            {
                expected = ReplayCheckResult.TooOld;
            }
            else
            {
                expected = seen.Add(value) ? ReplayCheckResult.Accepted : ReplayCheckResult.Duplicate;
            }

            Assert.Equal(expected, window.Accept(value));
            if (expected == ReplayCheckResult.Accepted && (highest is null || value > highest))
            {
                highest = value;
            }
        }
    }
}
