using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Coap.Cbor;

/// <summary>
/// Reads CBOR (RFC 8949) data items from a span, one at a time, without allocating (except where
/// documented: indefinite-length strings read whole, <see cref="ReadTextString"/>, and nesting
/// deeper than eight containers).
/// </summary>
/// <remarks>
/// <para>
/// Call <see cref="PeekState"/> to see what comes next, then the matching <c>Read…</c> method.
/// Every problem with the input, whether malformed data or a well-formed item of a type other
/// than the one asked for, throws <see cref="CborContentException"/>; no other exception
/// escapes for any input. After such an exception the position is unspecified.
/// </para>
/// <para>
/// By default the input must be exactly one data item; with <c>allowMultipleRootValues</c> it may
/// be any number of them (a CBOR sequence, RFC 8742, see <see cref="CborSequence"/>). Nesting of
/// arrays, maps and indefinite-length strings is limited to <see cref="MaxDepth"/> levels.
/// </para>
/// <para>
/// The reader is a mutable struct: pass it by <see langword="ref"/>. A copy is an independent
/// reader at the same position (useful to look ahead).
/// </para>
/// </remarks>
public ref struct CborReader
{
    /// <summary>The default nesting limit.</summary>
    public const int DefaultMaxDepth = 64;

    private const byte BreakByte = 0xff;

    private readonly ReadOnlySpan<byte> _data;
    private readonly CborConformanceMode _mode;
    private readonly bool _allowMultipleRootValues;
    private readonly int _maxDepth;
    private int _offset;
    private int _depth;
    private bool _tagPending;
    private bool _rootStarted;
    private CborReaderFrameBuffer _frames;
    private CborReaderFrameNode? _outerFrames;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    /// <param name="data">The encoded input.</param>
    /// <param name="conformanceMode">Lax, or Core Deterministic Encoding (anything else is rejected).</param>
    /// <param name="allowMultipleRootValues">Whether the input may hold any number of top-level items (a CBOR sequence, RFC 8742).</param>
    /// <param name="maxDepth">How deeply arrays, maps and indefinite-length strings may nest; 0 allows no containers.</param>
    public CborReader(
        ReadOnlySpan<byte> data,
        CborConformanceMode conformanceMode = CborConformanceMode.Lax,
        bool allowMultipleRootValues = false,
        int maxDepth = DefaultMaxDepth)
    {
        if (conformanceMode is not (CborConformanceMode.Lax or CborConformanceMode.Deterministic))
        {
            throw new ArgumentOutOfRangeException(nameof(conformanceMode), conformanceMode, "Unknown conformance mode.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        _data = data;
        _mode = conformanceMode;
        _allowMultipleRootValues = allowMultipleRootValues;
        _maxDepth = maxDepth;
    }

    /// <summary>The encoding rules enforced.</summary>
    public readonly CborConformanceMode ConformanceMode => _mode;

    /// <summary>Whether the input may hold several top-level items.</summary>
    public readonly bool AllowMultipleRootValues => _allowMultipleRootValues;

    /// <summary>The nesting limit for arrays, maps and indefinite-length strings.</summary>
    public readonly int MaxDepth => _maxDepth;

    /// <summary>How many arrays, maps and indefinite-length strings are open.</summary>
    public readonly int CurrentDepth => _depth;

    /// <summary>How many bytes have been read.</summary>
    public readonly int BytesConsumed => _offset;

    /// <summary>How many bytes are left.</summary>
    public readonly int BytesRemaining => _data.Length - _offset;

    /// <summary>What comes next. Validates the position: a misplaced break, a reserved initial byte or missing input throws.</summary>
    /// <exception cref="CborContentException">The input is malformed here, or (single root value) trailing data follows the root value.</exception>
    public CborReaderState PeekState()
    {
        if (_tagPending)
        {
            // A tag's content must follow: neither a break nor the end of a container is allowed.
            return PeekItemState();
        }

        if (_depth == 0)
        {
            if (_offset == _data.Length)
            {
                if (_rootStarted || _allowMultipleRootValues)
                {
                    return CborReaderState.Finished;
                }

                throw Error("The input is empty; a data item was expected.");
            }

            if (_rootStarted && !_allowMultipleRootValues)
            {
                throw Error($"{BytesRemaining} bytes follow the root value.");
            }

            return PeekItemState();
        }

        ref var frame = ref Top;
        if (frame.Remaining == 0)
        {
            return frame.Type == CborMajorType.Array ? CborReaderState.EndArray : CborReaderState.EndMap;
        }

        if (frame.Remaining < 0)
        {
            if (_offset >= _data.Length)
            {
                throw Error("The input ends inside an indefinite-length item.");
            }

            var initial = _data[_offset];
            if (initial == BreakByte)
            {
                switch (frame.Type)
                {
                    case CborMajorType.Array:
                        return CborReaderState.EndArray;
                    case CborMajorType.Map:
                        if (frame.ItemsRead % 2 != 0)
                        {
                            throw Error("The map ends after a key without its value.");
                        }

                        return CborReaderState.EndMap;
                    case CborMajorType.ByteString:
                        return CborReaderState.EndIndefiniteLengthByteString;
                    default:
                        return CborReaderState.EndIndefiniteLengthTextString;
                }
            }

            if (frame.Type is CborMajorType.ByteString or CborMajorType.TextString)
            {
                if ((CborMajorType)(initial >> 5) != frame.Type || (initial & 0x1f) == 31)
                {
                    throw Error("An indefinite-length string may hold only definite-length chunks of its own major type.");
                }

                return frame.Type == CborMajorType.ByteString ? CborReaderState.ByteString : CborReaderState.TextString;
            }
        }

        return PeekItemState();
    }

    /// <summary>Reads an unsigned integer (major type 0).</summary>
    /// <exception cref="CborContentException">The next item is not an unsigned integer, or the input is malformed.</exception>
    public ulong ReadUInt64()
    {
        Expect(CborReaderState.UnsignedInteger, "an unsigned integer");
        return ReadIntegerArgument();
    }

    /// <summary>Reads an unsigned integer (major type 0) that fits in 32 bits.</summary>
    /// <exception cref="CborContentException">The next item is not an unsigned integer, is too large, or the input is malformed.</exception>
    public uint ReadUInt32()
    {
        Expect(CborReaderState.UnsignedInteger, "an unsigned integer");
        var value = PeekArgumentForRange();
        if (value > uint.MaxValue)
        {
            throw Error($"{value} does not fit in a UInt32.");
        }

        return (uint)ReadIntegerArgument();
    }

    /// <summary>Reads an integer (major type 0 or 1) that fits in 64 signed bits.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, is out of range, or the input is malformed.</exception>
    public long ReadInt64()
    {
        var value = ReadInt128();
        if (value > long.MaxValue || value < long.MinValue)
        {
            throw Error($"{value} does not fit in an Int64.");
        }

        return (long)value;
    }

    /// <summary>Reads an integer (major type 0 or 1) that fits in 32 signed bits.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, is out of range, or the input is malformed.</exception>
    public int ReadInt32()
    {
        var value = ReadInt128();
        if (value > int.MaxValue || value < int.MinValue)
        {
            throw Error($"{value} does not fit in an Int32.");
        }

        return (int)value;
    }

    /// <summary>Reads any integer of major type 0 or 1: -2^64 to 2^64 - 1.</summary>
    /// <exception cref="CborContentException">The next item is not an integer, or the input is malformed.</exception>
    public Int128 ReadInt128()
    {
        var state = PeekState();
        if (state == CborReaderState.UnsignedInteger)
        {
            return ReadIntegerArgument();
        }

        if (state == CborReaderState.NegativeInteger)
        {
            return -1 - (Int128)ReadIntegerArgument();
        }

        throw Unexpected(state, "an integer");
    }

    /// <summary>Reads a negative integer (major type 1) as its raw argument <c>n</c>; the value is <c>-1 - n</c>, down to -2^64.</summary>
    /// <exception cref="CborContentException">The next item is not a negative integer, or the input is malformed.</exception>
    public ulong ReadCborNegativeIntegerRepresentation()
    {
        Expect(CborReaderState.NegativeInteger, "a negative integer");
        return ReadIntegerArgument();
    }

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

    /// <summary>Reads false or true.</summary>
    /// <exception cref="CborContentException">The next item is not a boolean, or the input is malformed.</exception>
    public bool ReadBoolean()
    {
        Expect(CborReaderState.Boolean, "a boolean");
        var value = _data[_offset] == 0xf5;
        BeginItem();
        _offset++;
        return value;
    }

    /// <summary>Reads null.</summary>
    /// <exception cref="CborContentException">The next item is not null, or the input is malformed.</exception>
    public void ReadNull()
    {
        Expect(CborReaderState.Null, "null");
        BeginItem();
        _offset++;
    }

    /// <summary>Reads undefined.</summary>
    /// <exception cref="CborContentException">The next item is not undefined, or the input is malformed.</exception>
    public void ReadUndefined()
    {
        Expect(CborReaderState.Undefined, "undefined");
        BeginItem();
        _offset++;
    }

    /// <summary>Reads any simple value (false, true, null and undefined included, floats excluded) as its number: 0–23 or 32–255.</summary>
    /// <exception cref="CborContentException">The next item is not a simple value, or the input is malformed.</exception>
    public byte ReadSimpleValue()
    {
        var state = PeekState();
        if (state is not (CborReaderState.SimpleValue or CborReaderState.Boolean or CborReaderState.Null or CborReaderState.Undefined))
        {
            throw Unexpected(state, "a simple value");
        }

        var additional = (byte)(_data[_offset] & 0x1f);
        BeginItem();
        if (additional < 24)
        {
            _offset++;
            return additional;
        }

        // PeekState has checked the second byte exists and is 32 or more.
        var value = _data[_offset + 1];
        _offset += 2;
        return value;
    }

    /// <summary>Reads a half-precision float.</summary>
    /// <exception cref="CborContentException">The next item is not a half-precision float, or the input is malformed.</exception>
    public Half ReadHalf()
    {
        Expect(CborReaderState.HalfPrecisionFloat, "a half-precision float");
        return BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2));
    }

    /// <summary>Reads a half- or single-precision float.</summary>
    /// <exception cref="CborContentException">The next item is not a half- or single-precision float, or the input is malformed.</exception>
    public float ReadSingle()
    {
        var state = PeekState();
        return state switch
        {
            CborReaderState.HalfPrecisionFloat => (float)BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2)),
            CborReaderState.SinglePrecisionFloat => BitConverter.UInt32BitsToSingle((uint)ReadFloatBits(4)),
            _ => throw Unexpected(state, "a half- or single-precision float"),
        };
    }

    /// <summary>Reads a float of any width as a double (widening is exact).</summary>
    /// <exception cref="CborContentException">The next item is not a float, or the input is malformed.</exception>
    public double ReadDouble()
    {
        var state = PeekState();
        return state switch
        {
            CborReaderState.HalfPrecisionFloat => (double)BitConverter.UInt16BitsToHalf((ushort)ReadFloatBits(2)),
            CborReaderState.SinglePrecisionFloat => BitConverter.UInt32BitsToSingle((uint)ReadFloatBits(4)),
            CborReaderState.DoublePrecisionFloat => BitConverter.UInt64BitsToDouble(ReadFloatBits(8)),
            _ => throw Unexpected(state, "a float"),
        };
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

    private readonly CborContentException Error(string message) => new($"{message} (offset {_offset})");

    private readonly CborContentException Unexpected(CborReaderState state, string expected) =>
        Error($"Expected {expected} but found {Describe(state)}.");

    private static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.EndArray => "the end of an array",
        CborReaderState.EndMap => "the end of a map",
        CborReaderState.EndIndefiniteLengthByteString => "the end of an indefinite-length byte string",
        CborReaderState.EndIndefiniteLengthTextString => "the end of an indefinite-length text string",
        CborReaderState.Finished => "the end of the input",
        _ => state.ToString(),
    };

    [UnscopedRef]
    private ref CborReaderFrame Top => ref _frames[Math.Min(_depth, CborReaderFrameBuffer.Capacity) - 1];

    private void Expect(CborReaderState expected, string description)
    {
        var state = PeekState();
        if (state != expected)
        {
            throw Unexpected(state, description);
        }
    }

    /// <summary>The state of the data item starting at the current offset; no break is allowed here.</summary>
    private readonly CborReaderState PeekItemState()
    {
        if (_offset >= _data.Length)
        {
            throw Error("The input ends where a data item was expected.");
        }

        var initial = _data[_offset];
        var major = (CborMajorType)(initial >> 5);
        var additional = initial & 0x1f;
        if (additional is >= 28 and <= 30)
        {
            throw Error($"Additional information {additional} is reserved (initial byte 0x{initial:x2}).");
        }

        if (additional == 31 && major is CborMajorType.ByteString or CborMajorType.TextString or CborMajorType.Array or CborMajorType.Map
            && _mode == CborConformanceMode.Deterministic)
        {
            throw Error("Deterministic encoding allows definite lengths only.");
        }

        switch (major)
        {
            case CborMajorType.UnsignedInteger:
            case CborMajorType.NegativeInteger:
            case CborMajorType.Tag:
                if (additional == 31)
                {
                    throw Error($"Initial byte 0x{initial:x2} is not well-formed: major type {(int)major} has no indefinite length.");
                }

                return major switch
                {
                    CborMajorType.UnsignedInteger => CborReaderState.UnsignedInteger,
                    CborMajorType.NegativeInteger => CborReaderState.NegativeInteger,
                    _ => CborReaderState.Tag,
                };
            case CborMajorType.ByteString:
                return additional == 31 ? CborReaderState.StartIndefiniteLengthByteString : CborReaderState.ByteString;
            case CborMajorType.TextString:
                return additional == 31 ? CborReaderState.StartIndefiniteLengthTextString : CborReaderState.TextString;
            case CborMajorType.Array:
                return CborReaderState.StartArray;
            case CborMajorType.Map:
                return CborReaderState.StartMap;
            default:
                return additional switch
                {
                    20 or 21 => CborReaderState.Boolean,
                    22 => CborReaderState.Null,
                    23 => CborReaderState.Undefined,
                    24 => PeekTwoByteSimpleValue(),
                    25 => CborReaderState.HalfPrecisionFloat,
                    26 => CborReaderState.SinglePrecisionFloat,
                    27 => CborReaderState.DoublePrecisionFloat,
                    31 => throw Error("A break (0xff) appears outside an indefinite-length item."),
                    _ => CborReaderState.SimpleValue,
                };
        }
    }

    private readonly CborReaderState PeekTwoByteSimpleValue()
    {
        if (_offset + 1 >= _data.Length)
        {
            throw Error("The input ends inside a simple value.");
        }

        if (_data[_offset + 1] < 32)
        {
            throw Error($"Simple value {_data[_offset + 1]} must be encoded in one byte (0xf8 needs 32 to 255).");
        }

        return CborReaderState.SimpleValue;
    }

    /// <summary>The argument of the head at <paramref name="offset"/> (major types 0–6, additional information 0–27).</summary>
    private readonly ulong ReadArgument(int offset, out int headLength)
    {
        var additional = _data[offset] & 0x1f;
        if (additional < 24)
        {
            headLength = 1;
            return (ulong)additional;
        }

        ulong value;
        ulong shortestLimit;
        switch (additional)
        {
            case 24:
                headLength = 2;
                RequireBytes(offset, headLength);
                value = _data[offset + 1];
                shortestLimit = 24;
                break;
            case 25:
                headLength = 3;
                RequireBytes(offset, headLength);
                value = BinaryPrimitives.ReadUInt16BigEndian(_data[(offset + 1)..]);
                shortestLimit = byte.MaxValue + 1UL;
                break;
            case 26:
                headLength = 5;
                RequireBytes(offset, headLength);
                value = BinaryPrimitives.ReadUInt32BigEndian(_data[(offset + 1)..]);
                shortestLimit = ushort.MaxValue + 1UL;
                break;
            case 27:
                headLength = 9;
                RequireBytes(offset, headLength);
                value = BinaryPrimitives.ReadUInt64BigEndian(_data[(offset + 1)..]);
                shortestLimit = uint.MaxValue + 1UL;
                break;
            default:
                throw Error($"Additional information {additional} is not allowed here.");
        }

        if (value < shortestLimit && _mode == CborConformanceMode.Deterministic)
        {
            throw Error($"Deterministic encoding requires the shortest head; {value} has a longer one.");
        }

        return value;
    }

    private readonly void RequireBytes(int offset, int count)
    {
        if (_data.Length - offset < count)
        {
            throw Error("The input ends inside a data item.");
        }
    }

    /// <summary>For range checks before consuming: the argument of the head at the current offset.</summary>
    private readonly ulong PeekArgumentForRange() => ReadArgument(_offset, out _);

    private ulong ReadIntegerArgument()
    {
        var value = ReadArgument(_offset, out var headLength);
        BeginItem();
        _offset += headLength;
        return value;
    }

    private ulong ReadFloatBits(int width)
    {
        RequireBytes(_offset, 1 + width);
        var payload = _data[(_offset + 1)..];
        ulong bits;
        bool deterministic;
        switch (width)
        {
            case 2:
                bits = BinaryPrimitives.ReadUInt16BigEndian(payload);
                deterministic = CborFloat.IsDeterministicHalf((ushort)bits);
                break;
            case 4:
                bits = BinaryPrimitives.ReadUInt32BigEndian(payload);
                deterministic = CborFloat.IsDeterministicSingle((uint)bits);
                break;
            default:
                bits = BinaryPrimitives.ReadUInt64BigEndian(payload);
                deterministic = CborFloat.IsDeterministicDouble(bits);
                break;
        }

        if (!deterministic && _mode == CborConformanceMode.Deterministic)
        {
            throw Error("Deterministic encoding requires the shortest exact float width, and NaN as 0xf97e00.");
        }

        BeginItem();
        _offset += 1 + width;
        return bits;
    }

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
