using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

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
public ref partial struct CborReader
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
}
