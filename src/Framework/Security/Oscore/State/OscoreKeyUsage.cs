using Coap.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Security.Oscore.State;

/// <summary>
/// The key usage counters of one security context (draft-ietf-core-oscore-key-limits §2.2–§2.3): count_q of
/// its Sender Key and count_v of its Recipient Key, both 0 when the context is established (a new context
/// gets a new instance). Protection counts before encrypting and is refused once count_q would exceed q;
/// decryption is refused once count_v exceeds v. An optional expiration time (<c>exp</c>) makes both keys
/// unusable after it. <see cref="LimitReached"/> tells the owner, once per kind, that it must rekey.
/// Thread-safe and lock-free.
/// </summary>
internal sealed class OscoreKeyUsage
{
    private readonly TimeProvider _timeProvider;
    private readonly DateTimeOffset? _expiresAt;
    private readonly ILogger _logger;
    private readonly CoapMetrics? _metrics;
    private readonly string _label;
    private long _encryptions;
    private long _failedDecryptions;
    private int _expiredRaised;

    /// <summary>Counters under <paramref name="limits"/> (validated); <paramref name="expiresAt"/> null never expires.</summary>
    public OscoreKeyUsage(
        OscoreKeyLimits limits,
        TimeProvider? timeProvider = null,
        DateTimeOffset? expiresAt = null,
        ILogger? logger = null,
        CoapMetrics? metrics = null,
        OscoreStateKey? key = null)
    {
        limits.Validate();
        Limits = limits;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _expiresAt = expiresAt;
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _label = key?.Short ?? "-";
    }

    /// <summary>
    /// Raised once per kind, on the thread whose call made the key unusable: for q after the last allowed
    /// encryption (so a rekey can start before a message is refused), for v on the failure beyond the limit,
    /// for expiry on the first use after <c>exp</c>. The handler must not block.
    /// </summary>
    public event EventHandler<OscoreKeyLimitKind>? LimitReached;

    /// <summary>The limits in force.</summary>
    public OscoreKeyLimits Limits { get; }

    /// <summary>count_q: encryptions counted, including refused attempts beyond q.</summary>
    public long EncryptionCount => Volatile.Read(ref _encryptions);

    /// <summary>count_v: failed decryptions counted.</summary>
    public long FailedDecryptionCount => Volatile.Read(ref _failedDecryptions);

    /// <summary>True once the expiration time has passed.</summary>
    public bool IsExpired => _expiresAt is { } expiresAt && _timeProvider.GetUtcNow() >= expiresAt;

    /// <summary>True while the Sender Key may protect another message.</summary>
    public bool CanEncrypt => !IsExpired && EncryptionCount < Limits.Encryptions;

    /// <summary>True while the Recipient Key may decrypt (count_v ≤ v and not expired).</summary>
    public bool CanDecrypt => !IsExpired && FailedDecryptionCount <= Limits.FailedDecryptions;

    /// <summary>
    /// Counts one encryption with the Sender Key, before encrypting. False (and the message must not be
    /// protected) when the context expired or q encryptions were already counted.
    /// </summary>
    public bool TryCountEncryption()
    {
        if (CheckExpired())
        {
            return false;
        }

        var count = Interlocked.Increment(ref _encryptions);
        if (count > Limits.Encryptions)
        {
            CoapLog.KeyUsageRefused(_logger, _label, OscoreKeyLimitKind.Encryptions);
            return false;
        }

        _metrics?.OscoreMessageProtected();
        if (count == Limits.Encryptions)
        {
            Raise(OscoreKeyLimitKind.Encryptions, count, Limits.Encryptions);
        }

        return true;
    }

    /// <summary>
    /// Counts one message that failed AEAD decryption with the Recipient Key. Do not call for messages refused
    /// as replays (they are not decrypted) or for other processing errors. Returns <see cref="CanDecrypt"/>.
    /// </summary>
    public bool CountFailedDecryption()
    {
        var count = Interlocked.Increment(ref _failedDecryptions);
        _metrics?.OscoreDecryptionFailed();
        if (count == Limits.FailedDecryptions + 1)
        {
            Raise(OscoreKeyLimitKind.FailedDecryptions, count, Limits.FailedDecryptions);
        }

        return CanDecrypt;
    }

    /// <summary>
    /// True when the Recipient Key may try to decrypt a message; false (and the message is dropped without
    /// decrypting) after v failures or after expiry.
    /// </summary>
    public bool TryBeginDecryption()
    {
        if (CheckExpired())
        {
            return false;
        }

        if (FailedDecryptionCount > Limits.FailedDecryptions)
        {
            CoapLog.KeyUsageRefused(_logger, _label, OscoreKeyLimitKind.FailedDecryptions);
            return false;
        }

        return true;
    }

    private bool CheckExpired()
    {
        if (!IsExpired)
        {
            return false;
        }

        if (Interlocked.Exchange(ref _expiredRaised, 1) == 0)
        {
            Raise(OscoreKeyLimitKind.Expired, 0, 0);
        }

        CoapLog.KeyUsageRefused(_logger, _label, OscoreKeyLimitKind.Expired);
        return true;
    }

    private void Raise(OscoreKeyLimitKind kind, long count, long limit)
    {
        CoapLog.KeyUsageLimitReached(_logger, _label, kind, count, limit);
        _metrics?.OscoreKeyLimitReached(kind);
        LimitReached?.Invoke(this, kind);
    }
}
