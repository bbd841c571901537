using System.Buffers;
using System.Runtime.InteropServices;

namespace Coap.Messaging;

/// <summary>
/// Remembers received message IDs per peer for EXCHANGE_LIFETIME (CON) or NON_LIFETIME (NON)
/// with the response sent for each, so a duplicate CON is answered from the cache without
/// running the handler again (RFC 7252 §4.5). Entries live in a fixed ring, oldest evicted
/// first; responses up to the slot size are kept in one preallocated block, larger ones in
/// pooled buffers. Memory is bounded by capacity; steady state allocates nothing.
/// </summary>
internal sealed class DeduplicationCache
{
    private readonly Lock _gate = new();
    private readonly Entry[] _entries;
    private readonly byte[] _slots;
    private readonly int _slotSize;
    private readonly Dictionary<ExchangeKey, int> _index;
    private readonly ArrayPool<byte> _largePool = ArrayPool<byte>.Create(65_536, 64);
    private readonly long _conLifetime;
    private readonly long _nonLifetime;
    private int _head;
    private int _count;
    private bool _warnedFull;

    public DeduplicationCache(int capacity, int slotSize, TimeSpan exchangeLifetime, TimeSpan nonLifetime, long timestampFrequency)
    {
        _entries = new Entry[capacity];
        _slotSize = slotSize;
        _slots = new byte[checked(capacity * slotSize)];
        _index = new Dictionary<ExchangeKey, int>(capacity);
        _conLifetime = (long)(exchangeLifetime.TotalSeconds * timestampFrequency);
        _nonLifetime = (long)(nonLifetime.TotalSeconds * timestampFrequency);
    }

    /// <summary>Raised (outside the lock) when a live entry had to be evicted early; the argument is true the first time.</summary>
    public event Action<bool>? EvictedEarly;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    public int Capacity => _entries.Length;

    /// <summary>
    /// Records a received message ID, or reports it as a duplicate. For
    /// <see cref="DeduplicationOutcome.Responded"/> the cached response is copied into
    /// <paramref name="responseBuffer"/> and its length returned in <paramref name="responseLength"/>.
    /// The same message ID with a different token is a new message (a client that restarted on the
    /// same port, or reused an ID too early), not a duplicate: it replaces the old entry.
    /// </summary>
    public DeduplicationOutcome Begin(in ExchangeKey key, ulong tokenHash, bool confirmable, long now, Span<byte> responseBuffer, out int responseLength, out DeduplicationTicket ticket)
    {
        responseLength = 0;
        ticket = default;
        var evictedLive = false;
        bool firstEviction;
        lock (_gate)
        {
            // Make room first, so the slot reference below stays valid while it is filled in.
            ExpireOldest(now);
            if (_count == _entries.Length)
            {
                var oldest = Oldest();
                evictedLive = _entries[oldest].State != EntryState.Free && _entries[oldest].ExpiresAt > now;
                Release(oldest);
                _count--;
            }

            ref var indexed = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, key, out var exists);
            if (exists)
            {
                ref var existing = ref _entries[indexed];
                if (existing.ExpiresAt > now && existing.TokenHash == tokenHash)
                {
                    return Describe(indexed, responseBuffer, out responseLength);
                }

                // Expired or a different message: forget the old entry, keep its ring position.
                ReturnLarge(ref existing);
                existing.State = EntryState.Free;
            }

            var slot = _head;
            _head = (_head + 1) % _entries.Length;
            _count++;
            var generation = _entries[slot].Generation + 1;
            _entries[slot] = new Entry
            {
                Key = key,
                TokenHash = tokenHash,
                State = EntryState.Pending,
                ExpiresAt = now + (confirmable ? _conLifetime : _nonLifetime),
                Generation = generation,
            };
            indexed = slot;
            ticket = new DeduplicationTicket(slot, generation);
            firstEviction = evictedLive && !_warnedFull;
            _warnedFull |= evictedLive;
        }

        if (evictedLive)
        {
            EvictedEarly?.Invoke(firstEviction);
        }

        return DeduplicationOutcome.New;
    }

    /// <summary>Notes that an empty ACK was sent for a request still being processed.</summary>
    public void MarkAckSent(DeduplicationTicket ticket)
    {
        lock (_gate)
        {
            ref var entry = ref _entries[ticket.Slot];
            if (entry.Generation == ticket.Generation && entry.State == EntryState.Pending)
            {
                entry.State = EntryState.AckSent;
            }
        }
    }

    /// <summary>Stores the message to repeat for duplicates (a piggybacked response or an empty ACK).</summary>
    public void Complete(DeduplicationTicket ticket, ReadOnlySpan<byte> response)
    {
        lock (_gate)
        {
            ref var entry = ref _entries[ticket.Slot];
            if (entry.Generation != ticket.Generation || entry.State == EntryState.Free)
            {
                return;
            }

            ReturnLarge(ref entry);
            if (response.IsEmpty)
            {
                entry.State = EntryState.Done;
                return;
            }

            if (response.Length <= _slotSize)
            {
                response.CopyTo(_slots.AsSpan(ticket.Slot * _slotSize, _slotSize));
            }
            else
            {
                entry.Large = _largePool.Rent(response.Length);
                response.CopyTo(entry.Large);
            }

            entry.Length = response.Length;
            entry.State = EntryState.Responded;
        }
    }

    /// <summary>
    /// Forgets a message whose answer costs nothing to produce again and comes out the same: a Block2 follow-up served
    /// from the response body cache. RFC 7252 §4.5 lets idempotent requests be processed again, so a duplicate is
    /// handled as new and no copy of the response is kept (a copy per block would allocate per block).
    /// </summary>
    public void Forget(DeduplicationTicket ticket)
    {
        lock (_gate)
        {
            ref var entry = ref _entries[ticket.Slot];
            if (entry.Generation != ticket.Generation || entry.State == EntryState.Free)
            {
                return;
            }

            Unindex(ticket.Slot, ref entry);
            entry.State = EntryState.Free;
        }
    }

    /// <summary>Marks a message handled with nothing to repeat.</summary>
    public void Complete(DeduplicationTicket ticket) => Complete(ticket, ReadOnlySpan<byte>.Empty);

    private DeduplicationOutcome Describe(int slot, Span<byte> responseBuffer, out int responseLength)
    {
        ref var entry = ref _entries[slot];
        responseLength = 0;
        switch (entry.State)
        {
            case EntryState.Pending:
                return DeduplicationOutcome.InProgress;
            case EntryState.AckSent:
                return DeduplicationOutcome.AckSent;
            case EntryState.Responded when entry.Length <= responseBuffer.Length:
                var source = entry.Large is { } large
                    ? large.AsSpan(0, entry.Length)
                    : _slots.AsSpan(slot * _slotSize, entry.Length);
                source.CopyTo(responseBuffer);
                responseLength = entry.Length;
                return DeduplicationOutcome.Responded;
            default:
                return DeduplicationOutcome.Done;
        }
    }

    private void ExpireOldest(long now)
    {
        while (_count > 0)
        {
            var oldest = Oldest();
            ref var entry = ref _entries[oldest];
            if (entry.State != EntryState.Free && entry.ExpiresAt > now)
            {
                return;
            }

            Release(oldest);
            _count--;
        }
    }

    private int Oldest() => (_head - _count + _entries.Length) % _entries.Length;

    /// <summary>Removes the slot's key from the index and gives back its large response buffer.</summary>
    private void Unindex(int slot, ref Entry entry)
    {
        // Usually the key still points here; when it was re-registered elsewhere, put that back.
        if (_index.Remove(entry.Key, out var indexed) && indexed != slot)
        {
            _index[entry.Key] = indexed;
        }

        ReturnLarge(ref entry);
    }

    private void Release(int slot)
    {
        ref var entry = ref _entries[slot];
        if (entry.State == EntryState.Free)
        {
            return;
        }

        Unindex(slot, ref entry);
        var generation = entry.Generation;
        entry = default;
        entry.Generation = generation;
    }

    private void ReturnLarge(ref Entry entry)
    {
        if (entry.Large is { } large)
        {
            _largePool.Return(large);
            entry.Large = null;
        }
    }

    private enum EntryState : byte
    {
        Free,
        Pending,
        AckSent,
        Responded,
        Done,
    }

    private struct Entry
    {
        public ExchangeKey Key;
        public ulong TokenHash;
        public long ExpiresAt;
        public uint Generation;
        public EntryState State;
        public int Length;
        public byte[]? Large;
    }
}
