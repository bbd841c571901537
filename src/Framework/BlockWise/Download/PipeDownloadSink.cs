using System.IO.Pipelines;

namespace Coap.BlockWise.Download;

/// <summary>
/// Streams the body into a pipe the caller reads while blocks arrive. The pipe's pause threshold holds the
/// download back when the reader lags, so memory stays bounded. Bytes handed out cannot be taken back, so
/// an ETag change mid-stream fails the transfer instead of restarting it.
/// </summary>
internal sealed class PipeDownloadSink(PipeWriter writer) : IDownloadSink
{
    private bool _written;

    public async ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        _written = true;
        var result = await writer.WriteAsync(block, cancellationToken).ConfigureAwait(false);
        return !result.IsCompleted;
    }

    public bool TryRestart() => !_written;
}
