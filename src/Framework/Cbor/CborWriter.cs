using System.Buffers;
using System.Buffers.Binary;
using System.Text;

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
public sealed partial class CborWriter
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

    private void EndItem()
    {
        if (_depth == 0 && !_tagPending && _destination is not null && _position > 0)
        {
            _destination.Write(_buffer.AsSpan(0, _position));
            _flushed += _position;
            _position = 0;
        }
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
