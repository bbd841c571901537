namespace Coap;

/// <summary>
/// Q-Block congestion-control parameters (RFC 9177 §7.2, Table 3). Both ends must use the same
/// <see cref="MaxPayloads"/>. An action's <c>[QBlock]</c> attribute overrides the values it sets.
/// Bound from <c>Coap:BlockWise:QBlock</c> when hosted.
/// </summary>
public sealed class CoapQBlockOptions
{
    /// <summary>
    /// Use Q-Block for every resource of a server (and, at a client, for every request to a peer that
    /// supports it). Default false: a server recognises options 19 and 31 only when an action carries
    /// <c>[QBlock]</c>; a client uses Q-Block when the request asks for it.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>MAX_PAYLOADS: blocks sent back to back before a pause. Default 10.</summary>
    public int MaxPayloads { get; set; } = 10;

    /// <summary>NON_MAX_RETRANSMIT: requests for missing blocks before a body is given up. Default 4.</summary>
    public int NonMaxRetransmit { get; set; } = 4;

    /// <summary>NON_TIMEOUT: the base of the pause between sets; the pause (NON_TIMEOUT_RANDOM) is random in [NON_TIMEOUT, NON_TIMEOUT × 1.5]. Default 2 s.</summary>
    public TimeSpan NonTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>NON_RECEIVE_TIMEOUT: how long a receiver waits before asking for missing blocks; doubles per retry. At least NON_TIMEOUT × 1.5 + 1 s. Default 4 s.</summary>
    public TimeSpan NonReceiveTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>NON_PARTIAL_TIMEOUT: how long a partial body (or a body kept for retransmission) lives. Default 247 s.</summary>
    public TimeSpan NonPartialTimeout { get; set; } = TimeSpan.FromSeconds(247);

    /// <summary>NON_PROBING_WAIT cap on the PROBING_RATE wait; null computes it from the other values (about 247 s).</summary>
    public TimeSpan? NonProbingWait { get; set; }

    /// <summary>The block size used for Q-Block bodies; null uses <see cref="CoapBlockWiseOptions.PreferredBlockSize"/>.</summary>
    public int? PreferredBlockSize { get; set; }

    /// <summary>
    /// Allows Q-Block without OSCORE or DTLS. RFC 9177 §11 does not recommend NoSec (an on-path attacker can
    /// set M and cause amplification); without this, a warning is logged once per resource.
    /// </summary>
    public bool AllowNoSec { get; set; }

    /// <summary>The upper bound of NON_TIMEOUT_RANDOM (NON_TIMEOUT × ACK_RANDOM_FACTOR 1.5).</summary>
    public TimeSpan NonTimeoutRandomMax => NonTimeout * 1.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        Require(MaxPayloads >= 1, nameof(MaxPayloads), "must be at least 1");
        Require(NonMaxRetransmit is >= 0 and <= 20, nameof(NonMaxRetransmit), "must be between 0 and 20");
        Require(NonTimeout > TimeSpan.Zero, nameof(NonTimeout), "must be positive");
        Require(NonReceiveTimeout >= NonTimeoutRandomMax + TimeSpan.FromSeconds(1), nameof(NonReceiveTimeout), "must be at least NonTimeout × 1.5 + 1 s (RFC 9177 §7.2)");
        Require(NonPartialTimeout > TimeSpan.Zero, nameof(NonPartialTimeout), "must be positive");
        Require(NonProbingWait is null || NonProbingWait > TimeSpan.Zero, nameof(NonProbingWait), "must be positive");
        Require(PreferredBlockSize is null || CoapBlock.IsValidSize(PreferredBlockSize.Value), nameof(PreferredBlockSize), "must be a power of two from 16 to 1024");
    }

    /// <summary>A copy with the values an action's <c>[QBlock]</c> sets; validated.</summary>
    public CoapQBlockOptions With(QBlockAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var merged = (CoapQBlockOptions)MemberwiseClone();
        merged.Enabled = true;
        if (attribute.MaxPayloads != 0)
        {
            merged.MaxPayloads = attribute.MaxPayloads;
        }

        if (attribute.NonTimeoutMs != 0)
        {
            merged.NonTimeout = TimeSpan.FromMilliseconds(attribute.NonTimeoutMs);
        }

        if (attribute.NonReceiveTimeoutMs != 0)
        {
            merged.NonReceiveTimeout = TimeSpan.FromMilliseconds(attribute.NonReceiveTimeoutMs);
        }

        if (attribute.NonMaxRetransmit >= 0)
        {
            merged.NonMaxRetransmit = attribute.NonMaxRetransmit;
        }

        if (attribute.NonPartialTimeoutSec != 0)
        {
            merged.NonPartialTimeout = TimeSpan.FromSeconds(attribute.NonPartialTimeoutSec);
        }

        if (attribute.PreferredBlockSize != 0)
        {
            merged.PreferredBlockSize = attribute.PreferredBlockSize;
        }

        merged.AllowNoSec |= attribute.AllowNoSec;
        merged.Validate();
        return merged;
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Coap:BlockWise:QBlock:{name} {rule}.", name);
        }
    }
}
