namespace Coap.Cbor;

/// <summary>One open container (or indefinite-length string) of a <see cref="CborWriter"/>.</summary>
internal struct CborWriterFrame
{
    /// <summary>Array, Map, or ByteString/TextString for an indefinite-length string.</summary>
    public CborMajorType Type;

    /// <summary>Data items still expected in a definite-length container (a map counts keys and values); -1 when indefinite.</summary>
    public int Remaining;

    /// <summary>Data items started inside the container so far; in a map, even means a key is next.</summary>
    public int ItemsWritten;

    /// <summary>Deterministic maps: index of this map's first entry in the writer's item-offset list.</summary>
    public int ItemOffsetsStart;
}
