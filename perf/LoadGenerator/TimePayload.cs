using System.Globalization;

namespace Coap.LoadGenerator;

/// <summary>
/// The current time as libcoap's example server sends it ("Nov 21 23:17:38", 15 bytes), formatted
/// when the second changes into the one of two buffers not in use; the other buffer is only
/// rewritten a second later, long after responses referring to it went. Reading it allocates nothing.
/// </summary>
internal sealed class TimePayload
{
    private readonly byte[][] _buffers = [new byte[32], new byte[32]];
    private readonly Lock _refresh = new();
    private ReadOnlyMemory<byte> _payload;
    private long _second = -1;
    private int _current;

    /// <summary>The time of this second as UTF-8 text.</summary>
    public ReadOnlyMemory<byte> Current
    {
        get
        {
            var now = DateTime.UtcNow;
            var second = now.Ticks / TimeSpan.TicksPerSecond;
            return second == Volatile.Read(ref _second) ? _payload : Refresh(now, second);
        }
    }

    private ReadOnlyMemory<byte> Refresh(DateTime now, long second)
    {
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
