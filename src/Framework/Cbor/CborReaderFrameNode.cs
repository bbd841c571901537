namespace Coap.Cbor;

/// <summary>
/// An outer container of a deeply nested <see cref="CborReader"/>, held off the stack. Nodes are
/// immutable (only the innermost frames change while reading, and those stay inline), so copies
/// of a reader that share nodes never disturb each other.
/// </summary>
internal sealed class CborReaderFrameNode
{
    public CborReaderFrameNode(CborReaderFrame frame, CborReaderFrameNode? next)
    {
        Frame = frame;
        Next = next;
    }

    /// <summary>The saved frame.</summary>
    public CborReaderFrame Frame { get; }

    /// <summary>The next frame further out, or null.</summary>
    public CborReaderFrameNode? Next { get; }
}
