using System.Text;
using System.Text.Unicode;

namespace Coap.Cbor;

public ref partial struct CborReader
{
    /// <summary>
    /// Reads a byte string. A definite-length string (or, inside an indefinite-length byte string
    /// opened with <see cref="ReadStartIndefiniteLengthByteString"/>, one chunk) is returned as a
    /// slice of the input, without copying. An indefinite-length string read whole has its chunks
    /// concatenated into a new array.
    /// </summary>
    /// <exception cref="CborContentException">The next item is not a byte string, or the input is malformed.</exception>
    public ReadOnlySpan<byte> ReadByteString() => ReadString(CborMajorType.ByteString);

    /// <summary>
    /// Reads a text string as UTF-8. A definite-length string (or one chunk, as for
    /// <see cref="ReadByteString"/>) is a slice of the input; an indefinite-length string read
    /// whole is concatenated into a new array. The bytes are checked to be valid UTF-8.
    /// </summary>
    /// <exception cref="CborContentException">The next item is not a text string, is not valid UTF-8, or the input is malformed.</exception>
    public ReadOnlySpan<byte> ReadTextStringUtf8() => ReadString(CborMajorType.TextString);

    /// <summary>Reads a text string (or one chunk of an open indefinite-length text string) as a new string.</summary>
    /// <exception cref="CborContentException">The next item is not a text string, is not valid UTF-8, or the input is malformed.</exception>
    public string ReadTextString() => Encoding.UTF8.GetString(ReadString(CborMajorType.TextString));

    /// <summary>Opens an indefinite-length byte string to read its chunks one by one with <see cref="ReadByteString"/>.</summary>
    /// <exception cref="CborContentException">The next item is not an indefinite-length byte string, or nesting is too deep.</exception>
    public void ReadStartIndefiniteLengthByteString() =>
        StartIndefiniteString(CborReaderState.StartIndefiniteLengthByteString, CborMajorType.ByteString);

    /// <summary>Reads the break that ends an indefinite-length byte string.</summary>
    /// <exception cref="CborContentException">More chunks follow, or the input is malformed.</exception>
    public void ReadEndIndefiniteLengthByteString() =>
        EndIndefinite(CborReaderState.EndIndefiniteLengthByteString, "the end of an indefinite-length byte string");

    /// <summary>Opens an indefinite-length text string to read its chunks one by one.</summary>
    /// <exception cref="CborContentException">The next item is not an indefinite-length text string, or nesting is too deep.</exception>
    public void ReadStartIndefiniteLengthTextString() =>
        StartIndefiniteString(CborReaderState.StartIndefiniteLengthTextString, CborMajorType.TextString);

    /// <summary>Reads the break that ends an indefinite-length text string.</summary>
    /// <exception cref="CborContentException">More chunks follow, or the input is malformed.</exception>
    public void ReadEndIndefiniteLengthTextString() =>
        EndIndefinite(CborReaderState.EndIndefiniteLengthTextString, "the end of an indefinite-length text string");

    private ReadOnlySpan<byte> ReadString(CborMajorType type)
    {
        var state = PeekState();
        var (definite, indefinite, name) = type == CborMajorType.ByteString
            ? (CborReaderState.ByteString, CborReaderState.StartIndefiniteLengthByteString, "a byte string")
            : (CborReaderState.TextString, CborReaderState.StartIndefiniteLengthTextString, "a text string");

        if (state == indefinite)
        {
            var end = ScanIndefiniteString(type, out var totalLength);
            var result = new byte[totalLength];
            var position = _offset + 1;
            var written = 0;
            while (_data[position] != BreakByte)
            {
                var length = (int)ReadArgument(position, out var headLength);
                _data.Slice(position + headLength, length).CopyTo(result.AsSpan(written));
                written += length;
                position += headLength + length;
            }

            BeginItem();
            _offset = end;
            return result;
        }

        if (state != definite)
        {
            throw Unexpected(state, name);
        }

        var value = ReadDefiniteStringAt(_offset, type, out var itemLength);
        var isChunk = _depth > 0 && !_tagPending && Top.Type == type;
        if (!isChunk)
        {
            BeginItem();
        }

        _offset += itemLength;
        return value;
    }

    /// <summary>The content of the definite-length string at <paramref name="offset"/>, checked for length and (text) UTF-8.</summary>
    private readonly ReadOnlySpan<byte> ReadDefiniteStringAt(int offset, CborMajorType type, out int itemLength)
    {
        var length = ReadArgument(offset, out var headLength);
        if (length > (ulong)(_data.Length - offset - headLength))
        {
            throw Error($"A string of {length} bytes is longer than the remaining input.");
        }

        var value = _data.Slice(offset + headLength, (int)length);
        if (type == CborMajorType.TextString && !Utf8.IsValid(value))
        {
            throw Error("A text string is not valid UTF-8.");
        }

        itemLength = headLength + (int)length;
        return value;
    }

    /// <summary>Validates the indefinite-length string at the current offset; returns the offset after its break.</summary>
    private readonly int ScanIndefiniteString(CborMajorType type, out int totalLength)
    {
        var position = _offset + 1;
        totalLength = 0;
        while (true)
        {
            if (position >= _data.Length)
            {
                throw Error("The input ends inside an indefinite-length string.");
            }

            var initial = _data[position];
            if (initial == BreakByte)
            {
                return position + 1;
            }

            if ((CborMajorType)(initial >> 5) != type || (initial & 0x1f) is >= 28)
            {
                throw Error("An indefinite-length string may hold only definite-length chunks of its own major type.");
            }

            var chunk = ReadDefiniteStringAt(position, type, out var itemLength);
            totalLength += chunk.Length;
            position += itemLength;
        }
    }

    private void SkipIndefiniteString(CborReaderState state)
    {
        var type = state == CborReaderState.StartIndefiniteLengthByteString ? CborMajorType.ByteString : CborMajorType.TextString;
        var end = ScanIndefiniteString(type, out _);
        BeginItem();
        _offset = end;
    }

    private void StartIndefiniteString(CborReaderState expected, CborMajorType type)
    {
        Expect(expected, expected == CborReaderState.StartIndefiniteLengthByteString
            ? "an indefinite-length byte string"
            : "an indefinite-length text string");
        RequireDepth();
        BeginItem();
        _offset++;
        PushFrame(new CborReaderFrame { Type = type, Remaining = -1, PreviousKeyLength = -1 });
    }
}
