namespace Coap;

/// <summary>
/// Transmission parameters (RFC 7252 §4.8) and the bounds of the messaging layer's state.
/// The derived times (§4.8.2) follow from the parameters.
/// </summary>
public sealed class CoapMessagingOptions
{
    /// <summary>ACK_TIMEOUT: the initial retransmission timeout. Default 2 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>ACK_RANDOM_FACTOR: the initial timeout is random in [ACK_TIMEOUT, ACK_TIMEOUT × factor]. Default 1.5.</summary>
    public double AckRandomFactor { get; set; } = 1.5;

    /// <summary>MAX_RETRANSMIT: retransmissions before giving up. Default 4.</summary>
    public int MaxRetransmit { get; set; } = 4;

    /// <summary>NSTART: outstanding interactions per peer. Default 1.</summary>
    public int NStart { get; set; } = 1;

    /// <summary>MAX_LATENCY. Default 100 s.</summary>
    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a handler may take before a confirmable request gets an empty ACK and the
    /// response follows separately. Default 1 s, well inside ACK_TIMEOUT.
    /// </summary>
    public TimeSpan SeparateResponseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a client waits for a response to a NON request or after an empty ACK. Default MAX_TRANSMIT_WAIT.</summary>
    public TimeSpan? ResponseTimeout { get; set; }

    /// <summary>Received message IDs remembered for duplicate detection. Default 65,536.</summary>
    public int DeduplicationCapacity { get; set; } = 65_536;

    /// <summary>Bytes reserved inline per deduplication entry for its cached response; larger ones use pooled buffers. Default 96.</summary>
    public int DeduplicationSlotSize { get; set; } = 96;

    /// <summary>Peers with per-peer state (message IDs, NSTART queues) at once. Default 10,000.</summary>
    public int MaxPeers { get; set; } = 10_000;

    /// <summary>Requests queued per peer behind NSTART before new ones fail. Default 1,024.</summary>
    public int MaxQueuedRequestsPerPeer { get; set; } = 1024;

    /// <summary>Token length for new requests, 1–8 bytes. Default 8.</summary>
    public int TokenLength { get; set; } = 8;

    /// <summary>The largest request payload a server accepts; larger ones get 4.13 with Size1. Default 1,024.</summary>
    public int MaxRequestPayloadSize { get; set; } = 1024;

    /// <summary>The largest message this endpoint sends. Default 1,152 (RFC 7252 §4.6).</summary>
    public int MaxMessageSize { get; set; } = 1152;

    /// <summary>Requests handled at once per server; more get 5.03 with Max-Age. Default 4,096.</summary>
    public int MaxConcurrentRequests { get; set; } = 4096;

    /// <summary>MAX_TRANSMIT_SPAN = ACK_TIMEOUT × (2^MAX_RETRANSMIT − 1) × ACK_RANDOM_FACTOR.</summary>
    public TimeSpan MaxTransmitSpan => AckTimeout * (((1 << MaxRetransmit) - 1) * AckRandomFactor);

    /// <summary>MAX_TRANSMIT_WAIT = ACK_TIMEOUT × (2^(MAX_RETRANSMIT + 1) − 1) × ACK_RANDOM_FACTOR.</summary>
    public TimeSpan MaxTransmitWait => AckTimeout * (((1 << (MaxRetransmit + 1)) - 1) * AckRandomFactor);

    /// <summary>PROCESSING_DELAY = ACK_TIMEOUT.</summary>
    public TimeSpan ProcessingDelay => AckTimeout;

    /// <summary>EXCHANGE_LIFETIME = MAX_TRANSMIT_SPAN + 2 × MAX_LATENCY + PROCESSING_DELAY (247 s by default).</summary>
    public TimeSpan ExchangeLifetime => MaxTransmitSpan + (2 * MaxLatency) + ProcessingDelay;

    /// <summary>NON_LIFETIME = MAX_TRANSMIT_SPAN + MAX_LATENCY (145 s by default).</summary>
    public TimeSpan NonLifetime => MaxTransmitSpan + MaxLatency;

    /// <summary>The effective client response timeout.</summary>
    public TimeSpan EffectiveResponseTimeout => ResponseTimeout ?? MaxTransmitWait;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        Require(AckTimeout > TimeSpan.Zero, nameof(AckTimeout), "must be positive");
        Require(AckRandomFactor >= 1.0, nameof(AckRandomFactor), "must be at least 1.0");
        Require(MaxRetransmit is >= 0 and <= 20, nameof(MaxRetransmit), "must be between 0 and 20");
        Require(NStart >= 1, nameof(NStart), "must be at least 1");
        Require(DeduplicationCapacity >= 16, nameof(DeduplicationCapacity), "must be at least 16");
        Require(DeduplicationSlotSize >= 16, nameof(DeduplicationSlotSize), "must be at least 16");
        Require(MaxPeers >= 1, nameof(MaxPeers), "must be at least 1");
        Require(TokenLength is >= 1 and <= 8, nameof(TokenLength), "must be between 1 and 8");
        Require(MaxRequestPayloadSize >= 0, nameof(MaxRequestPayloadSize), "must not be negative");
        Require(MaxMessageSize >= 64, nameof(MaxMessageSize), "must be at least 64");
        Require(MaxConcurrentRequests >= 1, nameof(MaxConcurrentRequests), "must be at least 1");
        Require(SeparateResponseDelay >= TimeSpan.Zero, nameof(SeparateResponseDelay), "must not be negative");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Coap:Messaging:{name} {rule}.", name);
        }
    }
}
