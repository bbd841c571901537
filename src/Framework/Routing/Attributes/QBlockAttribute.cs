namespace Coap;

/// <summary>
/// Transfers this action's large bodies with Q-Block (RFC 9177): request bodies arrive as
/// Q-Block1 and responses leave as Q-Block2, sent in paced sets of NON messages with recovery
/// of missing blocks, for lossy, high-latency links. Clients that do not support Q-Block get
/// 4.02 and fall back to Block1/Block2 (RFC 7959). Zero (or −1 for <see cref="NonMaxRetransmit"/>)
/// leaves a value at the endpoint's <c>Coap:BlockWise:QBlock</c> setting.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QBlockAttribute : Attribute
{
    /// <summary>MAX_PAYLOADS: blocks per set; at least 1. Both ends must agree.</summary>
    public int MaxPayloads { get; set; }

    /// <summary>NON_TIMEOUT in milliseconds: the base of the pause between sets.</summary>
    public int NonTimeoutMs { get; set; }

    /// <summary>NON_RECEIVE_TIMEOUT in milliseconds; at least NON_TIMEOUT × 1.5 + 1 s.</summary>
    public int NonReceiveTimeoutMs { get; set; }

    /// <summary>NON_MAX_RETRANSMIT: requests for missing blocks before giving up; −1 for the endpoint's value.</summary>
    public int NonMaxRetransmit { get; set; } = -1;

    /// <summary>NON_PARTIAL_TIMEOUT in seconds.</summary>
    public int NonPartialTimeoutSec { get; set; }

    /// <summary>The block size: a power of two from 16 to 1024.</summary>
    public int PreferredBlockSize { get; set; }

    /// <summary>Use Q-Block without OSCORE (RFC 9177 §11 advises against it); silences the startup warning.</summary>
    public bool AllowNoSec { get; set; }
}
