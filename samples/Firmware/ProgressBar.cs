using Coap;

namespace FirmwareSample;

/// <summary>
/// A one-line text progress bar: "[#########...........]  45 %  471,040 / 1,048,576 bytes".
/// Redrawn in place (carriage return) when the whole percentage changes, so a fast transfer
/// does not flood the console. Reports may come from any thread.
/// </summary>
public sealed class ProgressBar(TextWriter output, int width = 40) : IProgress<CoapTransferProgress>
{
    private readonly Lock _gate = new();
    private int _lastPercent = -1;

    /// <inheritdoc />
    public void Report(CoapTransferProgress value)
    {
        var percent = value.Fraction is { } fraction ? (int)(fraction * 100) : -1;
        lock (_gate)
        {
            if (percent == _lastPercent && percent >= 0)
            {
                return;
            }

            _lastPercent = percent;
            Draw(value.BytesTransferred, value.TotalBytes);
        }
    }

    /// <summary>Draws the finished bar and ends the line.</summary>
    public void Complete(long bytes)
    {
        lock (_gate)
        {
            Draw(bytes, bytes);
            output.WriteLine();
        }
    }

    private void Draw(long bytes, long? total)
    {
        if (total is > 0 and var size)
        {
            var filled = (int)Math.Min(width, bytes * width / size);
            var percent = Math.Min(100, bytes * 100 / size);
            output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {percent,3} %  {bytes:N0} / {size:N0} bytes");
        }
        else
        {
            // Size unknown (no Size2 yet): show what has arrived.
            output.Write($"\r[{new string('?', width)}] {bytes:N0} bytes");
        }
    }
}
