using System.Numerics;

namespace Coap.LoadGenerator;

/// <summary>
/// A log-linear latency histogram over nanoseconds, allocated once: values below 128 have
/// their own bucket, larger ones fall into one of 64 buckets per power of two (under 1.6%
/// error). Recording is a couple of instructions and never allocates; one instance per thread.
/// </summary>
internal sealed class Histogram
{
    private const int SubBits = 6;
    private const int SubCount = 1 << SubBits;
    private readonly long[] _counts = new long[SubCount * 60];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        _counts[IndexOf(nanoseconds)]++;
        Count++;
        if (nanoseconds > Max)
        {
            Max = nanoseconds;
        }
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at a quantile (0–1), as the middle of its bucket, in nanoseconds.</summary>
    public long ValueAt(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(Middle(i), Max);
            }
        }

        return Max;
    }

    private static int IndexOf(long value)
    {
        if (value < 2 * SubCount)
        {
            return (int)value;
        }

        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBits;
        return (shift * SubCount) + (int)(value >> shift);
    }

    private static long Middle(int index)
    {
        if (index < 2 * SubCount)
        {
            return index;
        }

        var shift = (index / SubCount) - 1;
        var top = (index % SubCount) + SubCount;
        return ((long)top << shift) + ((1L << shift) / 2);
    }
}
