using Coap.Transport;

namespace Coap.BlockWise.Outbound;

/// <summary>
/// Complete response bodies kept for their remaining blocks, keyed by peer and request key
/// (<see cref="ResponseRequestKey"/>): later Block2 requests are answered from the same representation
/// without running the handler again. Bounded in bytes (<see cref="CoapBlockWiseOptions.MaxCachedResponseBytes"/>,
/// least recently used go first) and in time (<see cref="CoapBlockWiseOptions.ResponseCacheLifetime"/> after the last use).
/// A body shared by several entries (one notification, many observers) is counted once.
/// </summary>
internal sealed class ResponseBodyCache(CoapBlockWiseOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(PeerAddress Peer, int Hash), Entry> _buckets = [];
    private readonly LinkedList<Entry> _byAge = new();
    private long _bytes;

    /// <summary>Bytes of distinct bodies held.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Entries held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byAge.Count;
            }
        }
    }

    public bool TryGet(in PeerAddress peer, ReadOnlySpan<byte> key, int hash, out OutboundBody body)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            RemoveExpired(now);
            if (Find(peer, key, hash) is { } entry)
            {
                Touch(entry, now);
                body = entry.Body;
                return true;
            }
        }

        body = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="body"/> for the request; false when it is larger than the whole cache may hold.</summary>
    public bool Put(in PeerAddress peer, ReadOnlySpan<byte> key, int hash, OutboundBody body)
    {
        if (body.Length > options.MaxCachedResponseBytes || options.ResponseCacheLifetime <= TimeSpan.Zero)
        {
            return false;
        }

        lock (_gate)
        {
            var now = time.GetTimestamp();
            RemoveExpired(now);
            if (Find(peer, key, hash) is { } existing)
            {
                if (existing.Body != body)
                {
                    Release(existing.Body);
                    existing.Body = body;
                    Retain(body);
                }

                Touch(existing, now);
            }
            else
            {
                var entry = new Entry(peer, hash, key.ToArray(), body);
                entry.Node = _byAge.AddLast(entry);
                entry.NextInBucket = _buckets.GetValueOrDefault((peer, hash));
                _buckets[(peer, hash)] = entry;
                Retain(body);
                Touch(entry, now);
            }

            while (_bytes > options.MaxCachedResponseBytes && _byAge.First is { } oldest)
            {
                Remove(oldest.Value);
            }
        }

        return true;
    }

    /// <summary>Forgets everything (the endpoint stops).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _buckets.Clear();
            _byAge.Clear();
            _bytes = 0;
        }
    }

    private Entry? Find(in PeerAddress peer, ReadOnlySpan<byte> key, int hash)
    {
        for (var entry = _buckets.GetValueOrDefault((peer, hash)); entry is not null; entry = entry.NextInBucket)
        {
            if (entry.Key.AsSpan().SequenceEqual(key))
            {
                return entry;
            }
        }

        return null;
    }

    private void Touch(Entry entry, long now)
    {
        entry.ExpiresAt = now + (long)(options.ResponseCacheLifetime.TotalSeconds * time.TimestampFrequency);
        _byAge.Remove(entry.Node!);
        _byAge.AddLast(entry.Node!);
    }

    /// <summary>Entries are in order of last use, so expired ones are at the front.</summary>
    private void RemoveExpired(long now)
    {
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now)
        {
            Remove(oldest.Value);
        }
    }

    private void Remove(Entry entry)
    {
        _byAge.Remove(entry.Node!);
        var bucket = (entry.Peer, entry.Hash);
        var head = _buckets[bucket];
        if (head == entry)
        {
            if (entry.NextInBucket is { } next)
            {
                _buckets[bucket] = next;
            }
            else
            {
                _buckets.Remove(bucket);
            }
        }
        else
        {
            var previous = head;
            while (previous.NextInBucket != entry)
            {
                previous = previous.NextInBucket!;
            }

            previous.NextInBucket = entry.NextInBucket;
        }

        Release(entry.Body);
    }

    private void Retain(OutboundBody body)
    {
        if (body.CacheReferences++ == 0)
        {
            _bytes += body.Length;
        }
    }

    private void Release(OutboundBody body)
    {
        if (--body.CacheReferences == 0)
        {
            _bytes -= body.Length;
        }
    }

    private sealed class Entry(PeerAddress peer, int hash, byte[] key, OutboundBody body)
    {
        public PeerAddress Peer { get; } = peer;

        public int Hash { get; } = hash;

        public byte[] Key { get; } = key;

        public OutboundBody Body { get; set; } = body;

        public long ExpiresAt { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }

        public Entry? NextInBucket { get; set; }
    }
}
