using System.IO.Pipelines;

namespace Coap.BlockWise.Outbound;

/// <summary>
/// <see cref="CoapResponseWriter.BodyWriter"/>: a <see cref="PipeWriter"/> whose bytes land directly in the
/// response payload. Flushing sends nothing: the response goes when the handler returns, split into
/// blocks when it is larger than a message.
/// </summary>
internal sealed class ResponsePayloadPipeWriter(CoapResponseWriter response) : PipeWriter
{
    private bool _completed;

    public override void Advance(int bytes) => response.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        ThrowIfCompleted();
        return response.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        ThrowIfCompleted();
        return response.GetSpan(sizeHint);
    }

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null) => _completed = true;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        new(new FlushResult(cancellationToken.IsCancellationRequested, _completed));

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => 0;

    /// <summary>Makes the writer usable again when the response is reset for another request.</summary>
    internal void Reset() => _completed = false;

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The response body writer was completed.");
        }
    }
}
