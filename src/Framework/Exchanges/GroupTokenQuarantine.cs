namespace Coap.Exchanges;

/// <summary>
/// Tokens of ended group requests, each unusable until its MIN_TOKEN_REUSE_TIME has passed
/// (draft-ietf-core-groupcomm-bis §3.1.5): servers may still answer the old request, and a new one on the same
/// token would take those answers for its own. Expired entries are dropped lazily, oldest first. Not thread-safe:
/// the endpoint guards it with its exchange lock.
/// </summary>
internal sealed class GroupTokenQuarantine
{
    private readonly Dictionary<TokenKey, long> _until = [];
    private readonly Queue<(TokenKey Token, long Until)> _order = new();

    /// <summary>Tokens in quarantine (expired ones included until the next <see cref="Purge"/>).</summary>
    public int Count => _until.Count;

    /// <summary>Puts a token in quarantine until timestamp <paramref name="until"/>.</summary>
    public void Add(TokenKey token, long until)
    {
        _until[token] = until;
        _order.Enqueue((token, until));
    }

    /// <summary>Whether the token is still in quarantine at timestamp <paramref name="now"/>.</summary>
    public bool Contains(TokenKey token, long now) => _until.TryGetValue(token, out var until) && now < until;

    /// <summary>Releases every token whose quarantine ended by <paramref name="now"/>.</summary>
    public void Purge(long now)
    {
        while (_order.TryPeek(out var oldest))
        {
            if (_until.TryGetValue(oldest.Token, out var until) && until != oldest.Until)
            {
                // Quarantined again later; that entry is further back in the queue.
                _order.Dequeue();
                continue;
            }

            if (now < oldest.Until)
            {
                return;
            }

            _order.Dequeue();
            _until.Remove(oldest.Token);
        }
    }
}
