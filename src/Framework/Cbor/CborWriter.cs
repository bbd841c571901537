using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Coap.Cbor;

/// <summary>
/// Writes CBOR (RFC 8949) data items. Integers, lengths and tags always get the shortest head;
/// floats get the width asked for (<see cref="WriteHalf"/>, <see cref="WriteSingle"/>,
/// <see cref="WriteDouble"/>) or the shortest exact one (<see cref="WriteFloatingPoint"/>).
/// </summary>
/// <remarks>
/// <para>
/// The writer checks structure as it goes: writing more items than a definite length declared,
/// ending a container early, with the wrong end call or after a key without its value, ending
/// anything right after a tag, or writing a second root value (unless
/// <see cref="AllowMultipleRootValues"/>) throws <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// In <see cref="CborConformanceMode.Deterministic"/> mode the writer produces RFC 8949 §4.2.1
/// Core Deterministic Encoding: indefinite lengths throw <see cref="InvalidOperationException"/>,
/// every float takes its shortest exact width (NaN becomes <c>0xf97e00</c>), and each map's
/// entries are <em>sorted</em> by <see cref="WriteEndMap"/> into bytewise lexicographic order of
/// their encoded keys, so callers may write entries in any order; two equal keys throw
/// <see cref="InvalidOperationException"/>. Lax mode keeps entries in written order and does not
/// look for duplicates.
/// </para>
/// <para>
/// Output goes to a growable internal buffer (read it with <see cref="Encode()"/>), or, with the
/// <see cref="CborWriter(IBufferWriter{byte}, CborConformanceMode, bool)"/> constructor, to an
/// <see cref="IBufferWriter{T}"/>: each root value is assembled internally (a deterministic map
/// may still be reordered) and copied to the destination as soon as it is complete.
/// </para>
/// </remarks>
public sealed class CborWriter
{
    private const int DefaultCapacity = 64;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte>? _destination;
    private readonly List<int> _itemOffsets = [];
    private byte[] _buffer;
    private int _position;
    private int _flushed;
    private CborWriterFrame[] _frames = new CborWriterFrame[4];
    private int _depth;
    private bool _tagPending;
    private bool _rootStarted;

    /// <summary>Creates a writer that collects its output in a growable buffer.</summary>
    /// <param name="conformanceMode">Lax, or Core Deterministic Encoding.</param>
    /// <param name="allowMultipleRootValues">Whether several top-level items may follow each other (a CBOR sequence, RFC 8742).</param>
    /// <param name="initialCapacity">The initial buffer size in bytes.</param>
    public CborWriter(
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        bool allowMultipleRootValues = false,
        int initialCapacity = DefaultCapacity)
    {
        ValidateMode(conformanceMode);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        ConformanceMode = conformanceMode;
        AllowMultipleRootValues = allowMultipleRootValues;
        _buffer = initialCapacity == 0 ? [] : new byte[initialCapacity];
    }

    /// <summary>Creates a writer that appends each completed root value to <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives the encoding, one complete root value at a time.</param>
    /// <param name="conformanceMode">Lax, or Core Deterministic Encoding.</param>
    /// <param name="allowMultipleRootValues">Whether several top-level items may follow each other (a CBOR sequence, RFC 8742).</param>
    public CborWriter(
        IBufferWriter<byte> destination,
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        bool allowMultipleRootValues = false)
        : this(conformanceMode, allowMultipleRootValues)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _destination = destination;
    }

    /// <summary>The encoding rules applied.</summary>
    public CborConformanceMode ConformanceMode { get; }

    /// <summary>Whether several top-level items may be written (a CBOR sequence, RFC 8742).</summary>
    public bool AllowMultipleRootValues { get; }

    /// <summary>How many containers (and indefinite-length strings) are open.</summary>
    public int CurrentDepth => _depth;

    /// <summary>The bytes written since construction or <see cref="Reset"/>, including those already handed to the <see cref="IBufferWriter{T}"/>.</summary>
    public int BytesWritten => _flushed + _position;

    /// <summary>Whether the output is a complete encoding: no container open, no tag waiting for its item, and at least one root value (any number, zero included, with <see cref="AllowMultipleRootValues"/>).</summary>
    public bool IsWriteCompleted => _depth == 0 && !_tagPending && (_rootStarted || AllowMultipleRootValues);

    /// <summary>The encoded length of an unsigned integer: 1, 2, 3, 5 or 9 bytes.</summary>
    public static int GetUInt64EncodedLength(ulong value) => value switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    /// <summary>Discards everything written (bytes already handed to an <see cref="IBufferWriter{T}"/> stay there) and starts over.</summary>
    public void Reset()
    {
        _position = 0;
        _flushed = 0;
        _depth = 0;
        _tagPending = false;
        _rootStarted = false;
        _itemOffsets.Clear();
    }

    /// <summary>Returns a copy of the encoding.</summary>
    /// <exception cref="InvalidOperationException">The encoding is incomplete, or the writer writes to an <see cref="IBufferWriter{T}"/>.</exception>
    public byte[] Encode() => GetEncoding().ToArray();

    /// <summary>Copies the encoding into <paramref name="destination"/> and returns its length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    /// <exception cref="InvalidOperationException">The encoding is incomplete, or the writer writes to an <see cref="IBufferWriter{T}"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        var encoding = GetEncoding();
        if (encoding.Length > destination.Length)
        {
            throw new ArgumentException($"The encoding needs {encoding.Length} bytes.", nameof(destination));
        }

        encoding.CopyTo(destination);
        return encoding.Length;
    }

    /// <summary>Copies the encoding into <paramref name="destination"/> if it fits.</summary>
    /// <exception cref="InvalidOperationException">The encoding is incomplete, or the writer writes to an <see cref="IBufferWriter{T}"/>.</exception>
    public bool TryEncode(Span<byte> destination, out int bytesWritten)
    {
        var encoding = GetEncoding();
        if (encoding.Length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        encoding.CopyTo(destination);
        bytesWritten = encoding.Length;
        return true;
    }

    /// <summary>Writes an unsigned integer (major type 0).</summary>
    public void WriteUInt64(ulong value)
    {
        BeginItem();
        WriteHead(CborMajorType.UnsignedInteger, value);
        EndItem();
    }

    /// <summary>Writes an unsigned integer (major type 0).</summary>
    public void WriteUInt32(uint value) => WriteUInt64(value);

    /// <summary>Writes an integer: major type 0 when non-negative, major type 1 otherwise.</summary>
    public void WriteInt64(long value)
    {
        BeginItem();

        // For negative values the argument is -1 - value, which is ~value.
        if (value >= 0)
        {
            WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
        }
        else
        {
            WriteHead(CborMajorType.NegativeInteger, (ulong)~value);
        }

        EndItem();
    }

    /// <summary>Writes an integer: major type 0 when non-negative, major type 1 otherwise.</summary>
    public void WriteInt32(int value) => WriteInt64(value);

    /// <summary>Writes the negative integer <c>-1 - <paramref name="value"/></c> (major type 1 with argument <paramref name="value"/>), reaching down to -2^64.</summary>
    public void WriteCborNegativeIntegerRepresentation(ulong value)
    {
        BeginItem();
        WriteHead(CborMajorType.NegativeInteger, value);
        EndItem();
    }

    /// <summary>Writes any integer that major types 0 and 1 can hold: -2^64 to 2^64 - 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value needs a bignum (tag 2 or 3).</exception>
    public void WriteInt128(Int128 value)
    {
        if (value > ulong.MaxValue || value < -(Int128)ulong.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Major types 0 and 1 hold -2^64 to 2^64 - 1.");
        }

        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else
        {
            WriteCborNegativeIntegerRepresentation((ulong)(-1 - value));
        }
    }

    /// <summary>Writes a definite-length byte string, or one chunk inside an indefinite-length byte string.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        BeginStringOrChunk(CborMajorType.ByteString);
        WriteHead(CborMajorType.ByteString, (ulong)value.Length);
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
        EndItem();
    }

    /// <summary>Writes a definite-length text string, or one chunk inside an indefinite-length text string.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not valid UTF-16 (an unpaired surrogate).</exception>
    public void WriteTextString(ReadOnlySpan<char> value)
    {
        int length;
        try
        {
            length = _strictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text is not valid UTF-16.", nameof(value), e);
        }

        BeginStringOrChunk(CborMajorType.TextString);
        WriteHead(CborMajorType.TextString, (ulong)length);
        EnsureCapacity(length);
        _position += _strictUtf8.GetBytes(value, _buffer.AsSpan(_position));
        EndItem();
    }

    /// <summary>Writes a definite-length text string from its UTF-8 bytes, or one chunk inside an indefinite-length text string.</summary>
    /// <exception cref="ArgumentException"><paramref name="utf8"/> is not valid UTF-8.</exception>
    public void WriteTextString(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new ArgumentException("The text is not valid UTF-8.", nameof(utf8));
        }

        BeginStringOrChunk(CborMajorType.TextString);
        WriteHead(CborMajorType.TextString, (ulong)utf8.Length);
        EnsureCapacity(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_position));
        _position += utf8.Length;
        EndItem();
    }

    /// <summary>Starts an indefinite-length byte string (<c>0x5f</c>); write its chunks with <see cref="WriteByteString"/>.</summary>
    /// <exception cref="InvalidOperationException">Deterministic mode, which allows definite lengths only.</exception>
    public void WriteStartIndefiniteLengthByteString() => StartIndefiniteString(CborMajorType.ByteString);

    /// <summary>Ends an indefinite-length byte string.</summary>
    public void WriteEndIndefiniteLengthByteString() => EndIndefiniteString(CborMajorType.ByteString);

    /// <summary>Starts an indefinite-length text string (<c>0x7f</c>); write its chunks with <see cref="WriteTextString(ReadOnlySpan{char})"/>.</summary>
    /// <exception cref="InvalidOperationException">Deterministic mode, which allows definite lengths only.</exception>
    public void WriteStartIndefiniteLengthTextString() => StartIndefiniteString(CborMajorType.TextString);

    /// <summary>Ends an indefinite-length text string.</summary>
    public void WriteEndIndefiniteLengthTextString() => EndIndefiniteString(CborMajorType.TextString);

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

    /// <summary>Writes false (<c>0xf4</c>) or true (<c>0xf5</c>).</summary>
    public void WriteBoolean(bool value) => WriteSimpleByte(value ? (byte)0xf5 : (byte)0xf4);

    /// <summary>Writes null (<c>0xf6</c>).</summary>
    public void WriteNull() => WriteSimpleByte(0xf6);

    /// <summary>Writes undefined (<c>0xf7</c>).</summary>
    public void WriteUndefined() => WriteSimpleByte(0xf7);

    /// <summary>Writes a simple value: 0–23 in one byte, 32–255 in two (RFC 8949 §3.3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">24–31, which are not well-formed.</exception>
    public void WriteSimpleValue(byte value)
    {
        if (value is >= 24 and < 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Simple values 24 to 31 are reserved.");
        }

        if (value < 24)
        {
            WriteSimpleByte((byte)(0xe0 | value));
            return;
        }

        BeginItem();
        EnsureCapacity(2);
        _buffer[_position] = 0xf8;
        _buffer[_position + 1] = value;
        _position += 2;
        EndItem();
    }

    /// <summary>Writes a half-precision float (<c>0xf9</c>); in deterministic mode a NaN becomes <c>0xf97e00</c>.</summary>
    public void WriteHalf(Half value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint((double)value);
            return;
        }

        WriteFloat(2, BitConverter.HalfToUInt16Bits(value));
    }

    /// <summary>Writes a single-precision float (<c>0xfa</c>); in deterministic mode, the shortest exact width instead.</summary>
    public void WriteSingle(float value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint(value);
            return;
        }

        WriteFloat(4, BitConverter.SingleToUInt32Bits(value));
    }

    /// <summary>Writes a double-precision float (<c>0xfb</c>); in deterministic mode, the shortest exact width instead.</summary>
    public void WriteDouble(double value)
    {
        if (ConformanceMode == CborConformanceMode.Deterministic)
        {
            WriteFloatingPoint(value);
            return;
        }

        WriteFloat(8, BitConverter.DoubleToUInt64Bits(value));
    }

    /// <summary>
    /// Writes a float in preferred serialization (RFC 8949 §4.2.2): half, single or double
    /// precision, whichever is shortest and still exact. A NaN keeps its sign and payload,
    /// shortened only where no payload bits are lost; in deterministic mode every NaN is <c>0xf97e00</c>.
    /// Note that .NET's <see cref="double.NaN"/> has its sign bit set, so lax mode writes it as <c>0xf9fe00</c>.
    /// </summary>
    public void WriteFloatingPoint(double value)
    {
        var width = CborFloat.GetPreferredEncoding(value, ConformanceMode == CborConformanceMode.Deterministic, out var bits);
        WriteFloat(width, bits);
    }

    /// <summary>Writes one pre-encoded data item as is.</summary>
    /// <exception cref="ArgumentException"><paramref name="encodedValue"/> is not exactly one well-formed data item, or (deterministic mode) not deterministically encoded.</exception>
    public void WriteEncodedValue(ReadOnlySpan<byte> encodedValue)
    {
        try
        {
            var reader = new CborReader(encodedValue, ConformanceMode);
            reader.SkipValue();
            if (reader.BytesRemaining != 0)
            {
                throw new ArgumentException("The encoded value is followed by more data.", nameof(encodedValue));
            }
        }
        catch (CborContentException e)
        {
            throw new ArgumentException("The encoded value is not a well-formed data item: " + e.Message, nameof(encodedValue), e);
        }

        BeginItem();
        EnsureCapacity(encodedValue.Length);
        encodedValue.CopyTo(_buffer.AsSpan(_position));
        _position += encodedValue.Length;
        EndItem();
    }

    private static void ValidateMode(CborConformanceMode mode)
    {
        if (mode is not (CborConformanceMode.Lax or CborConformanceMode.Deterministic))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown conformance mode.");
        }
    }

    private ReadOnlySpan<byte> GetEncoding()
    {
        if (_destination is not null)
        {
            throw new InvalidOperationException("This writer hands its output to an IBufferWriter<byte>.");
        }

        if (!IsWriteCompleted)
        {
            throw new InvalidOperationException(_rootStarted
                ? "The encoding is incomplete: a container is open or a tag has no item."
                : "Nothing has been written.");
        }

        return _buffer.AsSpan(0, _position);
    }

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
            if (_rootStarted && !AllowMultipleRootValues)
            {
                throw new InvalidOperationException("A root value has been written already; multiple root values are not allowed.");
            }

            _rootStarted = true;
            return;
        }

        ref var frame = ref _frames[_depth - 1];
        if (frame.Type is CborMajorType.ByteString or CborMajorType.TextString)
        {
            throw new InvalidOperationException(frame.Type == CborMajorType.ByteString
                ? "An indefinite-length byte string holds only definite-length byte string chunks."
                : "An indefinite-length text string holds only definite-length text string chunks.");
        }

        if (frame.Remaining == 0)
        {
            throw new InvalidOperationException(frame.Type == CborMajorType.Array
                ? "The array already has all the items its length declared."
                : "The map already has all the pairs its length declared.");
        }

        if (frame.Remaining > 0)
        {
            frame.Remaining--;
        }

        if (frame.Type == CborMajorType.Map && ConformanceMode == CborConformanceMode.Deterministic)
        {
            _itemOffsets.Add(_position);
        }

        frame.ItemsWritten++;
    }

    private void BeginStringOrChunk(CborMajorType type)
    {
        if (_depth > 0 && !_tagPending)
        {
            ref var frame = ref _frames[_depth - 1];
            if (frame.Type == type)
            {
                // A chunk of an indefinite-length string: not a data item of its own.
                return;
            }
        }

        BeginItem();
    }

    private void EndItem()
    {
        if (_depth == 0 && !_tagPending && _destination is not null && _position > 0)
        {
            _destination.Write(_buffer.AsSpan(0, _position));
            _flushed += _position;
            _position = 0;
        }
    }

    private void StartIndefiniteString(CborMajorType type)
    {
        RequireIndefiniteAllowed();
        BeginItem();
        WriteByte((byte)(((int)type << 5) | 31));
        PushFrame(new CborWriterFrame { Type = type, Remaining = -1 });
    }

    private void EndIndefiniteString(CborMajorType type)
    {
        if (_depth == 0 || _frames[_depth - 1].Type != type)
        {
            throw new InvalidOperationException(type == CborMajorType.ByteString
                ? "No indefinite-length byte string is open."
                : "No indefinite-length text string is open.");
        }

        WriteByte(0xff);
        PopFrame();
        EndItem();
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

    private void WriteSimpleByte(byte initialByte)
    {
        BeginItem();
        WriteByte(initialByte);
        EndItem();
    }

    private void WriteFloat(int width, ulong bits)
    {
        BeginItem();
        EnsureCapacity(1 + width);
        var span = _buffer.AsSpan(_position);
        switch (width)
        {
            case 2:
                span[0] = 0xf9;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)bits);
                break;
            case 4:
                span[0] = 0xfa;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)bits);
                break;
            default:
                span[0] = 0xfb;
                BinaryPrimitives.WriteUInt64BigEndian(span[1..], bits);
                break;
        }

        _position += 1 + width;
        EndItem();
    }

    private void WriteHead(CborMajorType major, ulong argument)
    {
        EnsureCapacity(9);
        var span = _buffer.AsSpan(_position);
        var type = (byte)((int)major << 5);
        if (argument < 24)
        {
            span[0] = (byte)(type | (byte)argument);
            _position += 1;
        }
        else if (argument <= byte.MaxValue)
        {
            span[0] = (byte)(type | 24);
            span[1] = (byte)argument;
            _position += 2;
        }
        else if (argument <= ushort.MaxValue)
        {
            span[0] = (byte)(type | 25);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)argument);
            _position += 3;
        }
        else if (argument <= uint.MaxValue)
        {
            span[0] = (byte)(type | 26);
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)argument);
            _position += 5;
        }
        else
        {
            span[0] = (byte)(type | 27);
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], argument);
            _position += 9;
        }
    }

    private void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _position >= count)
        {
            return;
        }

        var required = (long)_position + count;
        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException("The encoding would exceed the largest possible buffer.");
        }

        var size = Math.Max(Math.Max(_buffer.Length * 2L, required), DefaultCapacity);
        Array.Resize(ref _buffer, (int)Math.Min(size, Array.MaxLength));
    }
}
