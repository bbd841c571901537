using System.Buffers;

namespace Coap.BlockWise.Download;

/// <summary>Collects the whole body in memory (bounded by the download's MaxBodySize check).</summary>
internal sealed class BufferedDownloadSink : IDownloadSink
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The body so far.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.WrittenMemory;

    public ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        _buffer.Write(block.Span);
        return ValueTask.FromResult(true);
    }

    public bool TryRestart()
    {
        _buffer.ResetWrittenCount();
        return true;
    }
}
