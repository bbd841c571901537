using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>Sender Sequence Numbers that are never reused, across restarts too (RFC 8613 §7.2.1, Appendix B.1.1; OS-06).</summary>
public sealed class SenderSequenceNumbersTests
{
    private static readonly OscoreStateKey s_key = OscoreStateKey.From([0x01], [0x37, 0xcb, 0xf3, 0x21, 0x00, 0x17, 0xa2, 0xd3]);

    [Fact]
    public void FreshContext_StartsAtZero_AndSavesNextPlusKBeforeHandingOutTheFirstNumber()
    {
        var store = new InMemorySequenceNumberStore();
        var numbers = new SenderSequenceNumbers(store, s_key, reserve: 4);

        Assert.Equal(0UL, numbers.TakeNext());
        Assert.True(store.TryLoad(s_key, out var bound));
        Assert.Equal(4UL, bound);

        Assert.Equal(1UL, numbers.TakeNext());
        Assert.Equal(2UL, numbers.TakeNext());
        Assert.Equal(3UL, numbers.TakeNext());
        Assert.Equal(1, store.SaveCount);

        Assert.Equal(4UL, numbers.TakeNext());
        Assert.Equal(2, store.SaveCount);
        Assert.True(store.TryLoad(s_key, out bound));
        Assert.Equal(8UL, bound);
    }

    [Fact]
    public void RestartAfterACrash_ContinuesAtTheStoredBound_AndReusesNothing()
    {
        using var directory = new TempDirectory();
        var before = new SenderSequenceNumbers(new FileSequenceNumberStore(directory.Path), s_key, reserve: 4);
        for (var i = 0; i < 10; i++)
        {
            before.TakeNext();
        }

        // Crash: no SaveExact. A new process opens the same directory.
        var after = new SenderSequenceNumbers(new FileSequenceNumberStore(directory.Path), s_key, reserve: 4);

        Assert.Equal(12UL, after.Next);
        Assert.Equal(12UL, after.TakeNext());
    }

    [Fact]
    public void OrderlyRestart_WithSaveExact_ContinuesWithoutAGap()
    {
        using var directory = new TempDirectory();
        var before = new SenderSequenceNumbers(new FileSequenceNumberStore(directory.Path), s_key, reserve: 64);
        for (var i = 0; i < 10; i++)
        {
            before.TakeNext();
        }

        before.SaveExact();
        var after = new SenderSequenceNumbers(new FileSequenceNumberStore(directory.Path), s_key, reserve: 64);

        Assert.Equal(10UL, after.TakeNext());
    }

    [Fact]
    public void RepeatedCrashes_NeverHandOutANumberTwice()
    {
        using var directory = new TempDirectory();
        var random = new Random(7);
        var used = new HashSet<ulong>();
        var last = -1L;
        for (var restart = 0; restart < 20; restart++)
        {
            var numbers = new SenderSequenceNumbers(new FileSequenceNumberStore(directory.Path), s_key, reserve: 8);
            var count = random.Next(0, 30);
            for (var i = 0; i < count; i++)
            {
                var number = numbers.TakeNext();
                Assert.True(used.Add(number));
                Assert.True((long)number > last);
                last = (long)number;
            }

            if (restart % 3 == 0)
            {
                numbers.SaveExact();
            }
        }

        Assert.NotEmpty(used);
    }

    [Fact]
    public void Os06_AfterTwoPow40Minus1_NoNumberIsHandedOut_AndTakeNextSaysWhy()
    {
        var store = new InMemorySequenceNumberStore();
        store.Save(s_key, SenderSequenceNumbers.Limit - 2);
        var numbers = new SenderSequenceNumbers(store, s_key, reserve: 64);

        Assert.Equal(SenderSequenceNumbers.Limit - 2, numbers.TakeNext());
        Assert.Equal(SenderSequenceNumbers.Limit - 1, numbers.TakeNext());
        Assert.True(numbers.IsExhausted);
        Assert.False(numbers.TryNext(out _));
        var error = Assert.Throws<InvalidOperationException>(() => numbers.TakeNext());
        Assert.Contains("2^40 - 1", error.Message, StringComparison.Ordinal);
        Assert.True(store.TryLoad(s_key, out var bound));
        Assert.Equal(SenderSequenceNumbers.Limit, bound);
    }

    [Fact]
    public void Os06_StoredBoundAtTheLimit_IsExhaustedFromTheStart()
    {
        var store = new InMemorySequenceNumberStore();
        store.Save(s_key, SenderSequenceNumbers.Limit);

        var numbers = new SenderSequenceNumbers(store, s_key);

        Assert.True(numbers.IsExhausted);
        Assert.False(numbers.TryNext(out _));
    }

    [Fact]
    public void FailedSave_HandsOutNoNumber_AndTheNextAttemptRetries()
    {
        var store = new SequenceNumberStoreDouble { FailSaves = true };
        var numbers = new SenderSequenceNumbers(store, s_key, reserve: 4);

        Assert.Throws<IOException>(() => numbers.TryNext(out _));
        Assert.Equal(0UL, numbers.Next);

        store.FailSaves = false;
        Assert.Equal(0UL, numbers.TakeNext());
        Assert.True(store.TryLoad(s_key, out var bound));
        Assert.Equal(4UL, bound);
    }

    [Fact]
    public void ConcurrentSenders_GetDistinctConsecutiveNumbers()
    {
        var store = new InMemorySequenceNumberStore();
        var numbers = new SenderSequenceNumbers(store, s_key, reserve: 16);
        var taken = new ulong[4_000];

        Parallel.For(0, taken.Length, i => taken[i] = numbers.TakeNext());

        Array.Sort(taken);
        for (var i = 0; i < taken.Length; i++)
        {
            Assert.Equal((ulong)i, taken[i]);
        }

        Assert.Equal(taken.Length / 16, store.SaveCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(SenderSequenceNumbers.MaxReserve + 1)]
    public void Reserve_OutsideOneTo2Pow20_IsRejected(int reserve)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SenderSequenceNumbers(new InMemorySequenceNumberStore(), s_key, reserve));
        Assert.Equal("reserve", error.ParamName);
    }
}
