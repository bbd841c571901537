namespace Coap;

/// <summary>
/// Block-wise transfer of large bodies (RFC 7959, and Q-Block per RFC 9177 in <see cref="QBlock"/>):
/// block sizes and the bounds on the state kept for transfers in progress. Bound from the
/// configuration section <c>Coap:BlockWise</c> when hosted.
/// </summary>
public sealed class CoapBlockWiseOptions
{
    /// <summary>
    /// The block size this endpoint uses when it chooses: for the responses it splits (a client's
    /// smaller SZX is honoured) and the request bodies it uploads. A power of two from 16 to 1024. Default 1024.
    /// </summary>
    public int PreferredBlockSize { get; set; } = 1024;

    /// <summary>The largest body reassembled from blocks (a request body at a server, a response body at a client); larger ones get 4.13 with Size1. Default 8 MiB.</summary>
    public int MaxBodySize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Bytes held by all partial request bodies together; beyond it new transfers get 5.03. Default 64 MiB.</summary>
    public long MaxReassemblyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Bytes held by one peer's partial request bodies; beyond it that peer's new transfers get 5.03. Default 16 MiB.</summary>
    public long MaxReassemblyBytesPerPeer { get; set; } = 16L * 1024 * 1024;

    /// <summary>Partial request bodies one peer may have at once (distinct resources or Request-Tags). Default 16.</summary>
    public int MaxTransfersPerPeer { get; set; } = 16;

    /// <summary>
    /// Finished Q-Block1 bodies remembered (without their bytes, with the handler's response) so that late copies of
    /// their blocks get that response again instead of starting a new body; beyond it the oldest is forgotten. Default 1024.
    /// </summary>
    public int MaxFinishedBodies { get; set; } = 1024;

    /// <summary>How long a partial request body waits for its next block before it is dropped. Default 60 s.</summary>
    public TimeSpan ReassemblyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bytes of complete response bodies kept so that later blocks come from the same representation
    /// (one ETag per body) without running the handler again. Default 64 MiB.
    /// </summary>
    public long MaxCachedResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a response body is kept for its remaining blocks after the last block was asked for. Default 60 s.</summary>
    public TimeSpan ResponseCacheLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a client restarts a download whose ETag changed between blocks before it fails. Default 3.</summary>
    public int MaxRestarts { get; set; } = 3;

    /// <summary>Q-Block (RFC 9177) parameters; Q-Block is used for <c>[QBlock]</c> actions, or everywhere when enabled here.</summary>
    public CoapQBlockOptions QBlock { get; set; } = new();

    /// <summary>The size exponent of <see cref="PreferredBlockSize"/>.</summary>
    public int PreferredSizeExponent => CoapBlock.ToSizeExponent(PreferredBlockSize);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        Require(CoapBlock.IsValidSize(PreferredBlockSize), nameof(PreferredBlockSize), "must be a power of two from 16 to 1024");
        Require(MaxBodySize >= 16, nameof(MaxBodySize), "must be at least 16");
        Require(MaxReassemblyBytes >= MaxBodySize, nameof(MaxReassemblyBytes), "must be at least MaxBodySize");
        Require(MaxReassemblyBytesPerPeer >= 16 && MaxReassemblyBytesPerPeer <= MaxReassemblyBytes, nameof(MaxReassemblyBytesPerPeer), "must be between 16 and MaxReassemblyBytes");
        Require(MaxTransfersPerPeer >= 1, nameof(MaxTransfersPerPeer), "must be at least 1");
        Require(MaxFinishedBodies >= 0, nameof(MaxFinishedBodies), "must not be negative");
        Require(ReassemblyTimeout > TimeSpan.Zero, nameof(ReassemblyTimeout), "must be positive");
        Require(MaxCachedResponseBytes >= 0, nameof(MaxCachedResponseBytes), "must not be negative");
        Require(ResponseCacheLifetime >= TimeSpan.Zero, nameof(ResponseCacheLifetime), "must not be negative");
        Require(MaxRestarts >= 0, nameof(MaxRestarts), "must not be negative");
        ArgumentNullException.ThrowIfNull(QBlock);
        QBlock.Validate();
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Coap:BlockWise:{name} {rule}.", name);
        }
    }
}
