using Coap.Exchanges;

namespace Coap.Messaging;

/// <summary>What the messaging layer keeps per peer: the next message ID and the NSTART gate.</summary>
internal sealed class PeerState
{
    private int _nextMessageId;

    public PeerState(ushort firstMessageId) => _nextMessageId = firstMessageId;

    /// <summary>Interactions outstanding towards this peer (RFC 7252 §4.7). Guarded by the peer table lock.</summary>
    public int Outstanding { get; set; }

    /// <summary>Requests waiting for an NSTART slot, in order. Guarded by the peer table lock.</summary>
    public Queue<ClientExchange> Waiting { get; } = new();

    /// <summary>When the peer was last used, as a timestamp.</summary>
    public long LastUsed { get; set; }

    public bool IsIdle => Outstanding == 0 && Waiting.Count == 0;

    /// <summary>Allocates a message ID for a new message to this peer.</summary>
    public ushort NextMessageId() => (ushort)Interlocked.Increment(ref _nextMessageId);
}
