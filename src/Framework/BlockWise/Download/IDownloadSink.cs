namespace Coap.BlockWise.Download;

/// <summary>Where the blocks of a response body go, in order: a buffer for the whole body, or a pipe the caller reads.</summary>
internal interface IDownloadSink
{
    /// <summary>Appends the next block; false when the reader is gone and the transfer should stop.</summary>
    ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken);

    /// <summary>Forgets what was written, for a restart from block 0 after an ETag change; false when bytes already left (a stream).</summary>
    bool TryRestart();
}
