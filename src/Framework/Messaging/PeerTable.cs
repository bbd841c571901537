using System.Security.Cryptography;
using Coap.Transport;

namespace Coap.Messaging;

/// <summary>
/// Per-peer state, bounded: when full, a peer idle for longer than EXCHANGE_LIFETIME (or, failing
/// that, the least recently used idle peer) makes room. Message IDs start at a random value per
/// peer (RFC 7252 §4.4).
/// </summary>
internal sealed class PeerTable(int capacity, long idleLifetime)
{
    private readonly Dictionary<PeerAddress, PeerState> _peers = [];

    /// <summary>The lock that guards every <see cref="PeerState"/>'s NSTART fields too.</summary>
    public Lock Gate { get; } = new();

    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _peers.Count;
            }
        }
    }

    /// <summary>Finds or creates a peer's state; null when the table is full of busy peers. Call under <see cref="Gate"/>.</summary>
    public PeerState? GetOrAdd(in PeerAddress peer, long now)
    {
        if (!_peers.TryGetValue(peer, out var state))
        {
            if (_peers.Count >= capacity && !EvictOne(now))
            {
                return null;
            }

            state = new PeerState((ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1));
            _peers.Add(peer, state);
        }

        state.LastUsed = now;
        return state;
    }

    private bool EvictOne(long now)
    {
        PeerAddress? victim = null;
        var oldest = long.MaxValue;
        foreach (var (address, state) in _peers)
        {
            if (!state.IsIdle)
            {
                continue;
            }

            if (now - state.LastUsed > idleLifetime)
            {
                victim = address;
                break;
            }

            if (state.LastUsed < oldest)
            {
                oldest = state.LastUsed;
                victim = address;
            }
        }

        return victim is { } found && _peers.Remove(found);
    }
}
