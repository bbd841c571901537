using Coap.Security.Oscore.State;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>Key usage limits q and v and the context expiration (draft-ietf-core-oscore-key-limits; KL-01…KL-05, KL-07).</summary>
public sealed class OscoreKeyUsageTests
{
    [Fact]
    public void Kl01_WithQ3_ThreeMessagesAreProtected_AndEveryLaterOneIsRefused()
    {
        var usage = new OscoreKeyUsage(new OscoreKeyLimits(3, 10));
        var events = new List<OscoreKeyLimitKind>();
        usage.LimitReached += (_, kind) => events.Add(kind);

        Assert.True(usage.TryCountEncryption());
        Assert.True(usage.TryCountEncryption());
        Assert.Empty(events);
        Assert.True(usage.TryCountEncryption());

        Assert.Equal([OscoreKeyLimitKind.Encryptions], events);
        Assert.False(usage.CanEncrypt);
        Assert.False(usage.TryCountEncryption());
        Assert.False(usage.TryCountEncryption());
        Assert.Single(events);
        Assert.True(usage.CanDecrypt);
    }

    [Fact]
    public void Kl02_WithV2_TheThirdFailureStopsDecryption_AndAValidMessageIsThenNotDecrypted()
    {
        var usage = new OscoreKeyUsage(new OscoreKeyLimits(100, 2));
        var events = new List<OscoreKeyLimitKind>();
        usage.LimitReached += (_, kind) => events.Add(kind);

        Assert.True(usage.TryBeginDecryption());
        Assert.True(usage.CountFailedDecryption());
        Assert.True(usage.CountFailedDecryption());
        Assert.Empty(events);
        Assert.True(usage.TryBeginDecryption());
        Assert.False(usage.CountFailedDecryption());

        Assert.Equal([OscoreKeyLimitKind.FailedDecryptions], events);
        Assert.Equal(3, usage.FailedDecryptionCount);
        Assert.False(usage.TryBeginDecryption());
        Assert.False(usage.CountFailedDecryption());
        Assert.Single(events);
        Assert.True(usage.TryCountEncryption());
    }

    [Fact]
    public void Kl04_ANewContext_CountsFromZero()
    {
        var limits = new OscoreKeyLimits(1, 1);
        var old = new OscoreKeyUsage(limits);
        Assert.True(old.TryCountEncryption());
        old.CountFailedDecryption();
        old.CountFailedDecryption();

        var renewed = new OscoreKeyUsage(limits);

        Assert.Equal(0, renewed.EncryptionCount);
        Assert.Equal(0, renewed.FailedDecryptionCount);
        Assert.True(renewed.TryCountEncryption());
        Assert.True(renewed.TryBeginDecryption());
    }

    [Fact]
    public void ConcurrentProtection_NeverExceedsQ_AndRaisesTheEventOnce()
    {
        var usage = new OscoreKeyUsage(new OscoreKeyLimits(1_000, 10));
        var raised = 0;
        usage.LimitReached += (_, _) => Interlocked.Increment(ref raised);
        var allowed = 0;

        Parallel.For(0, 1_600, _ =>
        {
            if (usage.TryCountEncryption())
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(1_000, allowed);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void Kl07_AfterTheExpirationTime_NeitherKeyIsUsed_AndTheEventIsRaisedOnce()
    {
        var time = new FakeTimeProvider();
        var usage = new OscoreKeyUsage(new OscoreKeyLimits(10, 10), time, time.GetUtcNow().AddHours(1));
        var events = new List<OscoreKeyLimitKind>();
        usage.LimitReached += (_, kind) => events.Add(kind);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(usage.TryCountEncryption());
        Assert.True(usage.TryBeginDecryption());

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(usage.IsExpired);
        Assert.False(usage.TryCountEncryption());
        Assert.False(usage.TryBeginDecryption());
        Assert.False(usage.CanEncrypt);
        Assert.False(usage.CanDecrypt);
        Assert.Equal([OscoreKeyLimitKind.Expired], events);
        Assert.Equal(1, usage.EncryptionCount);
    }

    [Fact]
    public void Kl05_RecommendedLimits_PerAlgorithm()
    {
        Assert.Equal(new OscoreKeyLimits(1L << 20, 1L << 14, 4096), OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.AesCcm16_64_128));
        Assert.Equal(new OscoreKeyLimits(1L << 20, 1L << 20, 16384), OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.AesCcm16_128_128));
        Assert.Equal(new OscoreKeyLimits(1L << 20, 1L << 20, 16384), OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.A128Gcm));
        Assert.Equal(new OscoreKeyLimits(1L << 20, 1L << 20, 16384), OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.A256Gcm));
        Assert.Equal(new OscoreKeyLimits(1L << 20, 1L << 20, 65536), OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.ChaCha20Poly1305));
        Assert.False(OscoreKeyLimits.TryForAlgorithm(11, out _));
        Assert.Throws<NotSupportedException>(() => OscoreKeyLimits.ForAlgorithm(-7));
    }

    [Theory]
    [InlineData(0, 1, 0, "Encryptions")]
    [InlineData(1, 0, 0, "FailedDecryptions")]
    [InlineData(1, 1, -1, "MaxMessageLength")]
    public void InvalidLimits_AreRejected_NamingTheValue(long q, long v, int l, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OscoreKeyUsage(new OscoreKeyLimits(q, v, l)));
        Assert.Equal(name, error.ParamName);
    }
}
