using System.Diagnostics.Metrics;
using Coap.Diagnostics;
using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>OSCORE key usage counters on the "Coap" meter.</summary>
public sealed class OscoreKeyUsageMetricsTests
{
    [Fact]
    public void ProtectedMessages_FailedDecryptions_AndReachedLimits_AreCounted()
    {
        using var metrics = new CoapMetrics();
        var sums = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"[{tag.Value}]";
            }

            lock (sums)
            {
                sums[key] = sums.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
        var usage = new OscoreKeyUsage(new OscoreKeyLimits(2, 1), metrics: metrics);

        usage.TryCountEncryption();
        usage.TryCountEncryption();
        usage.TryCountEncryption();
        usage.CountFailedDecryption();
        usage.CountFailedDecryption();

        Assert.Equal(2, sums["coap.oscore.messages.protected"]);
        Assert.Equal(2, sums["coap.oscore.decryption_failures"]);
        Assert.Equal(1, sums["coap.oscore.key_limit_reached[q]"]);
        Assert.Equal(1, sums["coap.oscore.key_limit_reached[v]"]);
    }
}
