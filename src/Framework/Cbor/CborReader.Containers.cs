namespace Coap.Cbor;

public ref partial struct CborReader
{
    /// <summary>Opens an array. Returns its length, or null for an indefinite-length array.</summary>
    /// <exception cref="CborContentException">The next item is not an array, declares more items than input remains, nesting is too deep, or the input is malformed.</exception>
    public int? ReadStartArray() => StartContainer(CborReaderState.StartArray, CborMajorType.Array, "an array");

    /// <summary>Closes the current array.</summary>
    /// <exception cref="CborContentException">Items remain, no array is open, or the input is malformed.</exception>
    public void ReadEndArray() => EndIndefinite(CborReaderState.EndArray, "the end of an array");

    /// <summary>Opens a map. Returns its number of key/value pairs, or null for an indefinite-length map. Keys and values are then read alternately.</summary>
    /// <exception cref="CborContentException">The next item is not a map, declares more pairs than input remains, nesting is too deep, or the input is malformed.</exception>
    public int? ReadStartMap() => StartContainer(CborReaderState.StartMap, CborMajorType.Map, "a map");

    /// <summary>Closes the current map.</summary>
    /// <exception cref="CborContentException">Entries remain, no map is open, or the input is malformed.</exception>
    public void ReadEndMap() => EndIndefinite(CborReaderState.EndMap, "the end of a map");

    /// <summary>Reads a tag; the tagged item is read next.</summary>
    /// <exception cref="CborContentException">The next item is not a tag, or the input is malformed.</exception>
    public ulong ReadTag()
    {
        Expect(CborReaderState.Tag, "a tag");
        var tag = ReadArgument(_offset, out var headLength);
        BeginItem();
        _offset += headLength;
        _tagPending = true;
        return tag;
    }

    /// <summary>Returns the next tag without consuming it.</summary>
    /// <exception cref="CborContentException">The next item is not a tag, or the input is malformed.</exception>
    public ulong PeekTag()
    {
        Expect(CborReaderState.Tag, "a tag");
        return ReadArgument(_offset, out _);
    }

    /// <summary>Skips the next data item, with everything nested in it (a tag together with its item), validating it as it goes.</summary>
    /// <exception cref="CborContentException">No data item comes next (the end of a container or of the input), or the input is malformed.</exception>
    public void SkipValue()
    {
        var depth = 0;
        do
        {
            var state = PeekState();
            switch (state)
            {
                case CborReaderState.UnsignedInteger:
                case CborReaderState.NegativeInteger:
                    ReadIntegerArgument();
                    break;
                case CborReaderState.ByteString:
                    ReadByteString();
                    break;
                case CborReaderState.TextString:
                    ReadTextStringUtf8();
                    break;
                case CborReaderState.StartIndefiniteLengthByteString:
                case CborReaderState.StartIndefiniteLengthTextString:
                    SkipIndefiniteString(state);
                    break;
                case CborReaderState.StartArray:
                    ReadStartArray();
                    depth++;
                    break;
                case CborReaderState.StartMap:
                    ReadStartMap();
                    depth++;
                    break;
                case CborReaderState.EndArray when depth > 0:
                    ReadEndArray();
                    depth--;
                    break;
                case CborReaderState.EndMap when depth > 0:
                    ReadEndMap();
                    depth--;
                    break;
                case CborReaderState.Tag:
                    ReadTag();
                    break;
                case CborReaderState.SimpleValue:
                case CborReaderState.Boolean:
                case CborReaderState.Null:
                case CborReaderState.Undefined:
                    ReadSimpleValue();
                    break;
                case CborReaderState.HalfPrecisionFloat:
                case CborReaderState.SinglePrecisionFloat:
                case CborReaderState.DoublePrecisionFloat:
                    ReadDouble();
                    break;
                default:
                    throw Unexpected(state, "a data item");
            }
        }
        while (depth > 0 || _tagPending);
    }

    /// <summary>Skips the rest of the current array, map or indefinite-length string, and its end.</summary>
    /// <exception cref="CborContentException">Nothing is open, or the input is malformed.</exception>
    public void SkipToParent()
    {
        if (_depth == 0)
        {
            throw Error("No container is open.");
        }

        while (true)
        {
            switch (PeekState())
            {
                case CborReaderState.EndArray:
                    ReadEndArray();
                    return;
                case CborReaderState.EndMap:
                    ReadEndMap();
                    return;
                case CborReaderState.EndIndefiniteLengthByteString:
                    ReadEndIndefiniteLengthByteString();
                    return;
                case CborReaderState.EndIndefiniteLengthTextString:
                    ReadEndIndefiniteLengthTextString();
                    return;
                default:
                    SkipValue();
                    break;
            }
        }
    }

    /// <summary>Reads the next data item whole (a tag together with its item) and returns its encoding, a slice of the input.</summary>
    /// <exception cref="CborContentException">No data item comes next, or the input is malformed.</exception>
    public ReadOnlySpan<byte> ReadEncodedValue()
    {
        var start = _offset;
        SkipValue();
        return _data[start.._offset];
    }

    private int? StartContainer(CborReaderState expected, CborMajorType type, string name)
    {
        Expect(expected, name);
        int? length = null;
        var headLength = 1;
        var remaining = -1;
        if ((_data[_offset] & 0x1f) != 31)
        {
            var count = ReadArgument(_offset, out headLength);
            var available = (ulong)(_data.Length - _offset - headLength);

            // Every item takes at least one byte, so a longer count cannot be satisfied.
            var items = type == CborMajorType.Map ? count * 2 : count;
            if (count > available || items > available)
            {
                throw Error($"{(type == CborMajorType.Map ? "A map" : "An array")} of {count} entries is longer than the remaining input.");
            }

            length = (int)count;
            remaining = (int)items;
        }

        RequireDepth();
        BeginItem();
        _offset += headLength;
        PushFrame(new CborReaderFrame { Type = type, Remaining = remaining, PreviousKeyLength = -1 });
        return length;
    }

    private void EndIndefinite(CborReaderState expected, string name)
    {
        Expect(expected, name);
        if (Top.Remaining < 0)
        {
            _offset++;
        }

        PopFrame();
    }

    private readonly void RequireDepth()
    {
        if (_depth >= _maxDepth)
        {
            throw Error($"Nesting deeper than {_maxDepth} levels.");
        }
    }

    /// <summary>Counts the data item starting at the current offset in its container; checks deterministic key order.</summary>
    private void BeginItem()
    {
        if (_tagPending)
        {
            // The tag already counted as the start of this item.
            _tagPending = false;
            return;
        }

        if (_depth == 0)
        {
            _rootStarted = true;
            return;
        }

        ref var frame = ref Top;
        if (frame.Type == CborMajorType.Map && frame.ItemsRead % 2 == 0 && _mode == CborConformanceMode.Deterministic)
        {
            CheckKeyOrder(ref frame);
        }

        if (frame.Remaining > 0)
        {
            frame.Remaining--;
        }

        frame.ItemsRead++;
    }

    private readonly void CheckKeyOrder(ref CborReaderFrame frame)
    {
        // Measure the key with a separate reader; it may itself hold maps, which it checks the same way
        // with a smaller depth budget, so the recursion is bounded by the nesting limit.
        var keyReader = new CborReader(_data[_offset..], _mode, allowMultipleRootValues: false, _maxDepth - _depth);
        keyReader.SkipValue();
        var keyLength = keyReader.BytesConsumed;
        if (frame.PreviousKeyLength >= 0)
        {
            var previous = _data.Slice(frame.PreviousKeyOffset, frame.PreviousKeyLength);
            var order = _data.Slice(_offset, keyLength).SequenceCompareTo(previous);
            if (order <= 0)
            {
                throw Error(order == 0
                    ? "Deterministic encoding does not allow duplicate map keys."
                    : "Deterministic encoding requires map keys in bytewise lexicographic order.");
            }
        }

        frame.PreviousKeyOffset = _offset;
        frame.PreviousKeyLength = keyLength;
    }

    private void PushFrame(CborReaderFrame frame)
    {
        const int capacity = CborReaderFrameBuffer.Capacity;
        if (_depth >= capacity)
        {
            // Keep the innermost frames inline: move the outermost inline frame to the immutable list.
            _outerFrames = new CborReaderFrameNode(_frames[0], _outerFrames);
            Span<CborReaderFrame> inline = _frames;
            inline[1..].CopyTo(inline);
            inline[capacity - 1] = frame;
        }
        else
        {
            _frames[_depth] = frame;
        }

        _depth++;
    }

    private void PopFrame()
    {
        const int capacity = CborReaderFrameBuffer.Capacity;
        if (_depth > capacity && _outerFrames is { } outer)
        {
            Span<CborReaderFrame> inline = _frames;
            inline[..(capacity - 1)].CopyTo(inline[1..]);
            inline[0] = outer.Frame;
            _outerFrames = outer.Next;
        }

        _depth--;
    }
}
