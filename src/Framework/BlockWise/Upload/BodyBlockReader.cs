using System.Buffers;
using System.IO.Pipelines;

namespace Coap.BlockWise.Upload;

/// <summary>
/// Hands out a request body block by block, from memory or from a pipe. From a pipe it holds at most
/// one block beyond what the pipe buffers (RFC 7959 needs no more): enough to know whether more follows.
/// </summary>
internal sealed class BodyBlockReader
{
    private readonly PipeReader? _pipe;
    private readonly ReadOnlyMemory<byte> _memory;
    private ReadOnlyMemory<byte> _pending;
    private int _pendingOffset;
    private bool _pendingMore;
    private bool _lastFromPending;
    private long _position;

    public BodyBlockReader(ReadOnlyMemory<byte> body) => _memory = body;

    public BodyBlockReader(PipeReader body) => _pipe = body;

    /// <summary>Whether the body can be sent again from the start (only an in-memory body can).</summary>
    public bool CanRestart => _pipe is null;

    /// <summary>Bytes handed out so far.</summary>
    public long Position => _position;

    /// <summary>The next block of up to <paramref name="size"/> bytes and whether more follows it.</summary>
    public async ValueTask<(ReadOnlyMemory<byte> Block, bool More)> ReadAsync(int size, CancellationToken cancellationToken)
    {
        _lastFromPending = _pendingOffset < _pending.Length;
        if (_lastFromPending)
        {
            var take = Math.Min(size, _pending.Length - _pendingOffset);
            var block = _pending.Slice(_pendingOffset, take);
            _pendingOffset += take;
            _position += take;
            return (block, _pendingOffset < _pending.Length || _pendingMore);
        }

        if (_pipe is null)
        {
            var offset = (int)_position;
            var take = Math.Min(size, _memory.Length - offset);
            _position += take;
            return (_memory.Slice(offset, take), _position < _memory.Length);
        }

        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The request body's reader was cancelled.");
            }

            var buffer = result.Buffer;
            if (buffer.Length > size || result.IsCompleted)
            {
                var more = buffer.Length > size;
                var take = buffer.Slice(0, Math.Min(size, buffer.Length));
                var block = take.ToArray();
                _pipe.AdvanceTo(take.End);
                _position += block.Length;
                return (block, more);
            }

            // Not a full block plus one byte yet: keep it buffered and wait for more.
            _pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Gives back the block just read, to be read again in smaller blocks (a server asked for a smaller size).</summary>
    public void Unread(ReadOnlyMemory<byte> block, bool more)
    {
        _position -= block.Length;
        if (_lastFromPending)
        {
            _pendingOffset -= block.Length;
        }
        else if (_pipe is not null)
        {
            _pending = block;
            _pendingOffset = 0;
            _pendingMore = more;
        }
    }

    /// <summary>Starts again from the first byte; see <see cref="CanRestart"/>.</summary>
    public void Restart()
    {
        if (!CanRestart)
        {
            throw new InvalidOperationException("A streamed body cannot be sent again.");
        }

        _position = 0;
    }

    /// <summary>Reads the whole body into memory, failing beyond <paramref name="maxBytes"/>.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAllAsync(int maxBytes, CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            return _memory.Length <= maxBytes ? _memory : throw TooLarge(maxBytes);
        }

        var output = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (output.WrittenCount + buffer.Length > maxBytes)
            {
                _pipe.AdvanceTo(buffer.End);
                throw TooLarge(maxBytes);
            }

            foreach (var segment in buffer)
            {
                output.Write(segment.Span);
            }

            _pipe.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return output.WrittenMemory;
            }
        }
    }

    private static CoapException TooLarge(int maxBytes) =>
        new($"The request body exceeds Coap:BlockWise:MaxBodySize ({maxBytes} bytes), the most a Q-Block upload keeps for retransmission.");
}
