namespace Coap.Cbor;

/// <summary>What <see cref="CborReader.PeekState"/> found next in the input.</summary>
public enum CborReaderState
{
    /// <summary>An unsigned integer (major type 0): read it with <see cref="CborReader.ReadUInt64"/> and friends.</summary>
    UnsignedInteger,

    /// <summary>A negative integer (major type 1): read it with <see cref="CborReader.ReadInt64"/>, <see cref="CborReader.ReadInt128"/> or <see cref="CborReader.ReadCborNegativeIntegerRepresentation"/>.</summary>
    NegativeInteger,

    /// <summary>A definite-length byte string, or one chunk of an indefinite-length byte string.</summary>
    ByteString,

    /// <summary>The start of an indefinite-length byte string (<c>0x5f</c>).</summary>
    StartIndefiniteLengthByteString,

    /// <summary>The break that ends an indefinite-length byte string.</summary>
    EndIndefiniteLengthByteString,

    /// <summary>A definite-length text string, or one chunk of an indefinite-length text string.</summary>
    TextString,

    /// <summary>The start of an indefinite-length text string (<c>0x7f</c>).</summary>
    StartIndefiniteLengthTextString,

    /// <summary>The break that ends an indefinite-length text string.</summary>
    EndIndefiniteLengthTextString,

    /// <summary>The start of an array, definite or indefinite length.</summary>
    StartArray,

    /// <summary>The end of an array: its last item has been read (definite) or a break follows (indefinite).</summary>
    EndArray,

    /// <summary>The start of a map, definite or indefinite length.</summary>
    StartMap,

    /// <summary>The end of a map: its last value has been read (definite) or a break follows (indefinite).</summary>
    EndMap,

    /// <summary>A tag (major type 6); the tagged item follows it.</summary>
    Tag,

    /// <summary>A simple value other than false, true, null and undefined.</summary>
    SimpleValue,

    /// <summary>A half-precision (16-bit) float.</summary>
    HalfPrecisionFloat,

    /// <summary>A single-precision (32-bit) float.</summary>
    SinglePrecisionFloat,

    /// <summary>A double-precision (64-bit) float.</summary>
    DoublePrecisionFloat,

    /// <summary>The simple value null.</summary>
    Null,

    /// <summary>The simple value false or true.</summary>
    Boolean,

    /// <summary>The simple value undefined.</summary>
    Undefined,

    /// <summary>Every data item has been read and no input remains.</summary>
    Finished,
}
