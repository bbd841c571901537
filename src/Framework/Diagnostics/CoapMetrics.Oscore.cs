using System.Diagnostics.Metrics;
using Coap.Security.Oscore.State;

namespace Coap.Diagnostics;

/// <summary>
/// OSCORE key usage counters (draft-ietf-core-oscore-key-limits). Created on first use, so an endpoint
/// without OSCORE publishes none of them.
/// </summary>
internal sealed partial class CoapMetrics
{
    private static readonly KeyValuePair<string, object?> s_limitQTag = new("coap.oscore.limit", "q");
    private static readonly KeyValuePair<string, object?> s_limitVTag = new("coap.oscore.limit", "v");
    private static readonly KeyValuePair<string, object?> s_limitExpTag = new("coap.oscore.limit", "exp");

    private Counter<long>? _oscoreProtected;
    private Counter<long>? _oscoreDecryptionFailures;
    private Counter<long>? _oscoreKeyLimitReached;

    public void OscoreMessageProtected() =>
        OscoreCounter(ref _oscoreProtected, "coap.oscore.messages.protected", "{message}", "Messages encrypted with an OSCORE Sender Key (count_q).").Add(1);

    public void OscoreDecryptionFailed() =>
        OscoreCounter(ref _oscoreDecryptionFailures, "coap.oscore.decryption_failures", "{message}", "OSCORE messages that failed AEAD decryption (count_v); replays are not counted.").Add(1);

    public void OscoreKeyLimitReached(OscoreKeyLimitKind kind) =>
        OscoreCounter(ref _oscoreKeyLimitReached, "coap.oscore.key_limit_reached", "{context}", "OSCORE contexts whose key usage limit (q, v) or expiration was reached, by limit.")
            .Add(1, kind switch
            {
                OscoreKeyLimitKind.Encryptions => s_limitQTag,
                OscoreKeyLimitKind.FailedDecryptions => s_limitVTag,
                _ => s_limitExpTag,
            });

    private Counter<long> OscoreCounter(ref Counter<long>? field, string name, string unit, string description) =>
        Volatile.Read(ref field)
        ?? Interlocked.CompareExchange(ref field, _meter.CreateCounter<long>(name, unit, description), null)
        ?? field!;
}
