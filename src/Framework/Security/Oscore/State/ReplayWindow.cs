using Coap.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Security.Oscore.State;

/// <summary>
/// The replay window of one Recipient Context (RFC 8613 §7.4): a sliding window over received Partial IVs.
/// A value above the highest received one is new and slides the window; a value inside it is new once; a
/// value older than the window is refused. Thread-safe: <see cref="Accept"/> checks and records in one step,
/// so of many concurrent receptions of the same Partial IV exactly one is accepted.
/// </summary>
/// <remarks>
/// RFC 8613 §8.2 checks for replay before decryption and updates the window only after it succeeds: call
/// <see cref="Check"/> first (nothing changes, and a replay is not a failed decryption for the key-usage
/// limits), decrypt, then <see cref="Accept"/>. After a restart, or when the window was lost, create it
/// invalid (or call <see cref="Invalidate"/>): every request is then refused with
/// <see cref="ReplayCheckResult.WindowInvalid"/>, the caller answers with an Echo challenge (RFC 8613
/// Appendix B.1.2, RFC 9175), and once a request carrying the echoed value verifies, it calls
/// <see cref="Reinitialize"/> with that request's Partial IV.
/// </remarks>
internal sealed class ReplayWindow
{
    /// <summary>The window size of RFC 8613 §7.4 (a sliding window of 32).</summary>
    public const int DefaultSize = 32;

    /// <summary>The largest window this implementation keeps.</summary>
    public const int MaxSize = 1024;

    /// <summary>The largest Partial IV a sender may use: 2^40 − 1 (RFC 8613 §7.2.1).</summary>
    public const ulong MaxPartialIv = (1UL << 40) - 1;

    private readonly object _gate = new();
    private readonly ulong[] _seen;
    private readonly ILogger _logger;
    private readonly OscoreStateKey? _key;
    private bool _valid;
    private bool _empty = true;
    private ulong _highest;

    /// <summary>
    /// A window of <paramref name="size"/> Partial IVs. <paramref name="valid"/> false starts it invalid
    /// (state lost); a valid window with nothing received accepts any first value.
    /// </summary>
    public ReplayWindow(int size = DefaultSize, bool valid = true, ILogger? logger = null, OscoreStateKey? key = null)
    {
        ValidateSize(size, nameof(size));
        Size = size;
        _seen = new ulong[(size + 63) / 64];
        _valid = valid;
        _logger = logger ?? NullLogger.Instance;
        _key = key;
    }

    /// <summary>How many Partial IVs the window tracks below and including the highest received.</summary>
    public int Size { get; }

    /// <summary>False while the window is invalid: the caller should challenge requests with Echo.</summary>
    public bool IsValid
    {
        get
        {
            lock (_gate)
            {
                return _valid;
            }
        }
    }

    /// <summary>The highest Partial IV accepted, or null when the window is invalid or nothing was received.</summary>
    public ulong? Highest
    {
        get
        {
            lock (_gate)
            {
                return _valid && !_empty ? _highest : null;
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 ≤ <paramref name="size"/> ≤ <see cref="MaxSize"/>.</summary>
    public static void ValidateSize(int size, string name)
    {
        if (size is < 1 or > MaxSize)
        {
            throw new ArgumentOutOfRangeException(name, size, $"A replay window holds from 1 to {MaxSize} Partial IVs.");
        }
    }

    /// <summary>What <see cref="Accept"/> would answer, without recording anything. Use before decryption.</summary>
    public ReplayCheckResult Check(ulong partialIv)
    {
        lock (_gate)
        {
            return Classify(partialIv);
        }
    }

    /// <summary>
    /// Checks <paramref name="partialIv"/> and, when it is new, records it (sliding the window if it is the
    /// highest yet), atomically. Use after the message decrypted and verified.
    /// </summary>
    public ReplayCheckResult Accept(ulong partialIv)
    {
        ReplayCheckResult result;
        lock (_gate)
        {
            result = Classify(partialIv);
            if (result == ReplayCheckResult.Accepted)
            {
                Record(partialIv);
            }
        }

        if (result != ReplayCheckResult.Accepted)
        {
            CoapLog.ReplayRefused(_logger, Label, partialIv, result);
        }

        return result;
    }

    /// <summary>True when <paramref name="partialIv"/> was new and is now recorded (see <see cref="Accept"/>).</summary>
    public bool TryAccept(ulong partialIv) => Accept(partialIv) == ReplayCheckResult.Accepted;

    /// <summary>Marks the window as lost: every request is refused until <see cref="Reinitialize"/>.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _valid = false;
            _empty = true;
            _highest = 0;
            Array.Clear(_seen);
        }

        CoapLog.ReplayWindowInvalidated(_logger, Label);
    }

    /// <summary>
    /// Makes the window valid again from a verified fresh request (RFC 8613 Appendix B.1.2): its Partial IV
    /// becomes the highest received and every lower value counts as received.
    /// </summary>
    public void Reinitialize(ulong partialIv)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partialIv, MaxPartialIv);
        lock (_gate)
        {
            Array.Fill(_seen, ulong.MaxValue);
            _highest = partialIv;
            _empty = false;
            _valid = true;
        }

        CoapLog.ReplayWindowReinitialized(_logger, Label, partialIv);
    }

    private string Label => _key?.Short ?? "-";

    private ReplayCheckResult Classify(ulong partialIv)
    {
        if (partialIv > MaxPartialIv)
        {
            return ReplayCheckResult.OutOfRange;
        }

        if (!_valid)
        {
            return ReplayCheckResult.WindowInvalid;
        }

        if (_empty || partialIv > _highest)
        {
            return ReplayCheckResult.Accepted;
        }

        if (_highest - partialIv >= (ulong)Size)
        {
            return ReplayCheckResult.TooOld;
        }

        return IsSeen(partialIv) ? ReplayCheckResult.Duplicate : ReplayCheckResult.Accepted;
    }

    private void Record(ulong partialIv)
    {
        if (_empty)
        {
            Array.Clear(_seen);
            _empty = false;
            _highest = partialIv;
        }
        else if (partialIv > _highest)
        {
            var distance = partialIv - _highest;
            if (distance >= (ulong)Size)
            {
                Array.Clear(_seen);
            }
            else
            {
                // The slots of the values the window now passes over were last used by values Size below them.
                for (var value = _highest + 1; value < partialIv; value++)
                {
                    SetSeen(value, false);
                }
            }

            _highest = partialIv;
        }

        SetSeen(partialIv, true);
    }

    private bool IsSeen(ulong partialIv)
    {
        var slot = (int)(partialIv % (ulong)Size);
        return (_seen[slot >> 6] & (1UL << (slot & 63))) != 0;
    }

    private void SetSeen(ulong partialIv, bool seen)
    {
        var slot = (int)(partialIv % (ulong)Size);
        if (seen)
        {
            _seen[slot >> 6] |= 1UL << (slot & 63);
        }
        else
        {
            _seen[slot >> 6] &= ~(1UL << (slot & 63));
        }
    }
}
