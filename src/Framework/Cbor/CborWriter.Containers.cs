using System.Buffers;

namespace Coap.Cbor;

public sealed partial class CborWriter
{
    /// <summary>Starts an array of <paramref name="length"/> items, or of indefinite length when null.</summary>
    /// <exception cref="InvalidOperationException">An indefinite length in deterministic mode.</exception>
    public void WriteStartArray(int? length)
    {
        if (length is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(length));
        }

        StartContainer(CborMajorType.Array, length, length ?? -1);
    }

    /// <summary>Ends the current array.</summary>
    /// <exception cref="InvalidOperationException">No array is open, a tag waits for its item, or fewer items than declared were written.</exception>
    public void WriteEndArray()
    {
        ref var frame = ref EndContainerCheck(CborMajorType.Array, "array");
        if (frame.Remaining < 0)
        {
            WriteByte(0xff);
        }

        PopFrame();
        EndItem();
    }

    /// <summary>Starts a map of <paramref name="length"/> key/value pairs, or of indefinite length when null. Write each key, then its value.</summary>
    /// <exception cref="InvalidOperationException">An indefinite length in deterministic mode.</exception>
    public void WriteStartMap(int? length)
    {
        if (length is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(length));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue / 2, nameof(length));
        }

        StartContainer(CborMajorType.Map, length, length * 2 ?? -1);
    }

    /// <summary>Ends the current map; in deterministic mode, sorts its entries by encoded key first.</summary>
    /// <exception cref="InvalidOperationException">No map is open, a tag waits for its item, a key has no value, fewer pairs than declared were written, or (deterministic mode) two keys are equal.</exception>
    public void WriteEndMap()
    {
        ref var frame = ref EndContainerCheck(CborMajorType.Map, "map");
        if (frame.ItemsWritten % 2 != 0)
        {
            throw new InvalidOperationException("The last map key has no value.");
        }

        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            SortMapEntries(frame.ItemOffsetsStart);
        }

        if (frame.Remaining < 0)
        {
            WriteByte(0xff);
        }

        PopFrame();
        EndItem();
    }

    /// <summary>Writes a tag (major type 6); the next item written is the tagged item.</summary>
    public void WriteTag(ulong tag)
    {
        BeginItem();
        WriteHead(CborMajorType.Tag, tag);
        _tagPending = true;
    }

    private void StartContainer(CborMajorType type, int? length, int remaining)
    {
        if (length is null)
        {
            RequireIndefiniteAllowed();
        }

        BeginItem();
        if (length is { } count)
        {
            WriteHead(type, (ulong)count);
        }
        else
        {
            WriteByte((byte)(((int)type << 5) | 31));
        }

        PushFrame(new CborWriterFrame { Type = type, Remaining = remaining, ItemOffsetsStart = _itemOffsets.Count });
    }

    private ref CborWriterFrame EndContainerCheck(CborMajorType type, string name)
    {
        if (_depth == 0 || _frames[_depth - 1].Type != type)
        {
            throw new InvalidOperationException($"No {name} is open.");
        }

        if (_tagPending)
        {
            throw new InvalidOperationException("A tag must be followed by a data item.");
        }

        ref var frame = ref _frames[_depth - 1];
        if (frame.Remaining > 0)
        {
            throw new InvalidOperationException(type == CborMajorType.Array
                ? $"The array is {frame.Remaining} items short of its declared length."
                : $"The map is {frame.Remaining / 2} pairs short of its declared length.");
        }

        return ref frame;
    }

    private void RequireIndefiniteAllowed()
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            throw new InvalidOperationException("Deterministic encoding allows definite lengths only.");
        }
    }

    private void PushFrame(CborWriterFrame frame)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = frame;
    }

    private void PopFrame()
    {
        var frame = _frames[--_depth];
        if (frame.Type == CborMajorType.Map && ConformanceMode == CborConformanceMode.Deterministic)
        {
            _itemOffsets.RemoveRange(frame.ItemOffsetsStart, _itemOffsets.Count - frame.ItemOffsetsStart);
        }
    }

    private void SortMapEntries(int firstOffsetIndex)
    {
        var itemCount = _itemOffsets.Count - firstOffsetIndex;
        var pairCount = itemCount / 2;
        if (pairCount == 0)
        {
            return;
        }

        // Entry i spans [key start, next key start); its key spans [key start, value start).
        var entries = new (int Start, int KeyLength, int Length)[pairCount];
        for (var i = 0; i < pairCount; i++)
        {
            var keyStart = _itemOffsets[firstOffsetIndex + (2 * i)];
            var valueStart = _itemOffsets[firstOffsetIndex + (2 * i) + 1];
            var end = i + 1 < pairCount ? _itemOffsets[firstOffsetIndex + (2 * i) + 2] : _position;
            entries[i] = (keyStart, valueStart - keyStart, end - keyStart);
        }

        var buffer = _buffer;
        Array.Sort(entries, (a, b) =>
            buffer.AsSpan(a.Start, a.KeyLength).SequenceCompareTo(buffer.AsSpan(b.Start, b.KeyLength)));

        for (var i = 1; i < pairCount; i++)
        {
            var previous = entries[i - 1];
            var current = entries[i];
            if (buffer.AsSpan(previous.Start, previous.KeyLength).SequenceEqual(buffer.AsSpan(current.Start, current.KeyLength)))
            {
                throw new InvalidOperationException("Deterministic encoding does not allow duplicate map keys.");
            }
        }

        var regionStart = entries.Min(e => e.Start);
        var regionLength = _position - regionStart;
        var scratch = ArrayPool<byte>.Shared.Rent(regionLength);
        try
        {
            var written = 0;
            foreach (var entry in entries)
            {
                buffer.AsSpan(entry.Start, entry.Length).CopyTo(scratch.AsSpan(written));
                written += entry.Length;
            }

            scratch.AsSpan(0, regionLength).CopyTo(buffer.AsSpan(regionStart));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
