namespace Coap;

/// <summary>Which way a body moves.</summary>
public enum CoapTransferDirection
{
    /// <summary>A request body going to the server (Block1, Q-Block1).</summary>
    Upload,

    /// <summary>A response body coming from the server (Block2, Q-Block2).</summary>
    Download,
}

/// <summary>
/// Progress of a block-wise body, reported through <see cref="CoapRequest.Progress"/> after each block.
/// Totals come from Size1/Size2 and are null when the peer did not say.
/// </summary>
/// <param name="Direction">Upload or download.</param>
/// <param name="BytesTransferred">Body bytes confirmed (upload) or received (download) so far.</param>
/// <param name="TotalBytes">The body's size, when known.</param>
/// <param name="BlocksTransferred">Blocks done so far.</param>
/// <param name="TotalBlocks">The number of blocks, when the size is known.</param>
public readonly record struct CoapTransferProgress(CoapTransferDirection Direction, long BytesTransferred, long? TotalBytes, int BlocksTransferred, int? TotalBlocks)
{
    /// <summary>The fraction done, 0–1, when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? Math.Min(1.0, (double)BytesTransferred / total) : null;
}
