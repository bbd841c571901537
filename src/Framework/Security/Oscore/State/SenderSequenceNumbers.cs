using Coap.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Security.Oscore.State;

/// <summary>
/// Hands out the Sender Sequence Numbers of one Sender Context (RFC 8613 §3.1, §7.2.1) so that none is used
/// twice, even across restarts (Appendix B.1.1): before a number at or beyond the stored bound is handed out,
/// "next + K" is saved to the <see cref="ISequenceNumberStore"/>; after a restart the sender continues at the
/// stored bound, skipping at most K numbers. Numbers above 2^40 − 1 are never used (§7.2.1, §12.6): once
/// they run out, protection fails until the context is re-established. Thread-safe.
/// </summary>
internal sealed class SenderSequenceNumbers
{
    /// <summary>The first number that may never be used: 2^40.</summary>
    public const ulong Limit = 1UL << 40;

    /// <summary>The default K: numbers reserved per write to the store.</summary>
    public const int DefaultReserve = 64;

    /// <summary>The largest K accepted.</summary>
    public const int MaxReserve = 1 << 20;

    private readonly object _gate = new();
    private readonly ISequenceNumberStore _store;
    private readonly ILogger _logger;
    private ulong _next;
    private ulong _bound;
    private bool _exhaustionLogged;

    /// <summary>
    /// Loads the state of <paramref name="key"/> from <paramref name="store"/>: a stored bound is where this
    /// context continues; without one it starts at 0.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored state is unreadable.</exception>
    public SenderSequenceNumbers(ISequenceNumberStore store, OscoreStateKey key, int reserve = DefaultReserve, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ValidateReserve(reserve, nameof(reserve));
        _store = store;
        Key = key;
        Reserve = reserve;
        _logger = logger ?? NullLogger.Instance;
        if (store.TryLoad(key, out var stored))
        {
            _next = Math.Min(stored, Limit);
            _bound = _next;
            CoapLog.SequenceNumbersResumed(_logger, key.Short, _next);
        }
    }

    /// <summary>The context this allocator belongs to.</summary>
    public OscoreStateKey Key { get; }

    /// <summary>K: how many numbers one write to the store reserves.</summary>
    public int Reserve { get; }

    /// <summary>The number the next call to <see cref="TryNext"/> returns.</summary>
    public ulong Next
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>True once 2^40 − 1 has been handed out: the context must be renewed.</summary>
    public bool IsExhausted => Next >= Limit;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ <paramref name="reserve"/> ≤ <see cref="MaxReserve"/>.</summary>
    public static void ValidateReserve(int reserve, string name)
    {
        if (reserve is < 1 or > MaxReserve)
        {
            throw new ArgumentOutOfRangeException(name, reserve, $"The sequence number reserve K must be from 1 to {MaxReserve}.");
        }
    }

    /// <summary>
    /// The next unused number, or false when every number up to 2^40 − 1 is used. Saves a new bound first when
    /// the reserved numbers are used up; if saving throws, no number is handed out and the exception propagates.
    /// </summary>
    public bool TryNext(out ulong sequenceNumber)
    {
        lock (_gate)
        {
            if (_next >= Limit)
            {
                sequenceNumber = 0;
                if (!_exhaustionLogged)
                {
                    _exhaustionLogged = true;
                    CoapLog.SequenceNumbersExhausted(_logger, Key.Short);
                }

                return false;
            }

            if (_next >= _bound)
            {
                var bound = Math.Min(_next + (ulong)Reserve, Limit);
                _store.Save(Key, bound);
                _bound = bound;
                CoapLog.SequenceNumbersReserved(_logger, Key.Short, bound);
            }

            sequenceNumber = _next++;
            return true;
        }
    }

    /// <summary>The next unused number.</summary>
    /// <exception cref="InvalidOperationException">Every number up to 2^40 − 1 is used (RFC 8613 §7.2.1).</exception>
    public ulong TakeNext()
    {
        if (!TryNext(out var sequenceNumber))
        {
            throw new InvalidOperationException(
                $"OSCORE context {Key.Short}: the Sender Sequence Number would exceed 2^40 - 1 (RFC 8613 §7.2.1); "
                + "no more messages can be protected with this Sender Key. Establish a new security context.");
        }

        return sequenceNumber;
    }

    /// <summary>
    /// On an orderly shutdown, saves the exact next number so that the next start skips nothing. Without this
    /// (a crash) the next start continues at the last reserved bound, which is just as safe.
    /// </summary>
    public void SaveExact()
    {
        lock (_gate)
        {
            if (_next < _bound)
            {
                _store.Save(Key, _next);
                _bound = _next;
                CoapLog.SequenceNumbersSaved(_logger, Key.Short, _next);
            }
        }
    }
}
