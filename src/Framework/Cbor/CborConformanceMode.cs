namespace Coap.Cbor;

/// <summary>How strictly a <see cref="CborWriter"/> or <see cref="CborReader"/> applies the encoding rules of RFC 8949.</summary>
public enum CborConformanceMode
{
    /// <summary>
    /// Any well-formed CBOR (RFC 8949 §3). The writer still always emits the shortest
    /// argument ("head") for integers, lengths and tags; it keeps map entries in the order
    /// they were written and does not look for duplicate keys. The reader accepts
    /// non-shortest heads, indefinite-length items, any float width and any key order.
    /// </summary>
    Lax = 0,

    /// <summary>
    /// Core Deterministic Encoding (RFC 8949 §4.2.1): preferred serialization (shortest heads
    /// and the shortest float width that represents the value exactly), definite lengths only,
    /// and map keys unique and sorted in bytewise lexicographic order of their encodings.
    /// NaN is always the half-precision quiet NaN <c>0xf97e00</c> (RFC 8949 §4.2.2).
    /// The writer produces this form (it sorts map entries in <see cref="CborWriter.WriteEndMap"/>
    /// and throws <see cref="InvalidOperationException"/> for indefinite lengths and duplicate
    /// keys); the reader rejects anything else with <see cref="CborContentException"/>.
    /// </summary>
    Deterministic = 1,
}
