using System.Globalization;

namespace Coap.LoadGenerator;

/// <summary>
/// Answers GET /time like libcoap's example server ("Nov 21 23:17:38", text/plain, Max-Age 1)
/// from a cached payload re-formatted once a second; anything else gets 4.04. Allocates nothing
/// per request: the path is matched in place and the payload is referenced, not copied.
/// </summary>
internal sealed class TimeHandler : ICoapRequestHandler
{
    private readonly byte[][] _buffers = [new byte[32], new byte[32]];
    private readonly Lock _refresh = new();
    private ReadOnlyMemory<byte> _payload;
    private long _second = -1;
    private long _handled;
    private int _current;

    /// <summary>Requests answered so far.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Called once with the count when it reaches <see cref="SnapshotAt"/>.</summary>
    public Action<long>? Snapshot { get; init; }

    public long SnapshotAt { get; init; } = long.MaxValue;

    public ValueTask HandleAsync(CoapContext context)
    {
        var count = Interlocked.Increment(ref _handled);
        if (count == SnapshotAt)
        {
            Snapshot?.Invoke(count);
        }

        var response = context.Response;
        if (context.Method != CoapCode.Get || !IsTimePath(context))
        {
            response.Code = CoapCode.NotFound;
            return ValueTask.CompletedTask;
        }

        response.SetContentFormat(CoapContentFormat.TextPlain);
        response.AddOption(CoapOptionNumber.MaxAge, 1u);
        response.SetPayload(CurrentPayload());
        return ValueTask.CompletedTask;
    }

    private static bool IsTimePath(CoapContext context)
    {
        var segments = 0;
        var matched = false;
        var cursor = context.Options;
        while (cursor.MoveNext())
        {
            if (cursor.Number == CoapOptionNumber.UriPath)
            {
                segments++;
                matched = cursor.Value.SequenceEqual("time"u8);
            }
            else if (cursor.Number > CoapOptionNumber.UriPath)
            {
                break;
            }
        }

        return segments == 1 && matched;
    }

    /// <summary>
    /// The time as text, formatted when the second changes into the buffer not in use; the
    /// other buffer is only rewritten a second later, long after responses referring to it went.
    /// </summary>
    private ReadOnlyMemory<byte> CurrentPayload()
    {
        var now = DateTime.UtcNow;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        if (second == Volatile.Read(ref _second))
        {
            return _payload;
        }

        lock (_refresh)
        {
            if (second != _second)
            {
                var next = _buffers[_current ^ 1];
                now.TryFormat(next, out var written, "MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
                _payload = next.AsMemory(0, written);
                _current ^= 1;
                Volatile.Write(ref _second, second);
            }

            return _payload;
        }
    }
}
