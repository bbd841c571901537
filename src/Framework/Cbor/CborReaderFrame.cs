namespace Coap.Cbor;

/// <summary>One open container (or indefinite-length string) of a <see cref="CborReader"/>.</summary>
internal struct CborReaderFrame
{
    /// <summary>Array, Map, or ByteString/TextString for an indefinite-length string.</summary>
    public CborMajorType Type;

    /// <summary>Data items still expected in a definite-length container (a map counts keys and values); -1 when indefinite.</summary>
    public int Remaining;

    /// <summary>Data items started inside the container so far; in a map, even means a key is next.</summary>
    public int ItemsRead;

    /// <summary>Deterministic mode: where the previous map key's encoding starts.</summary>
    public int PreviousKeyOffset;

    /// <summary>Deterministic mode: the previous map key's encoded length; -1 before the first key.</summary>
    public int PreviousKeyLength;
}
