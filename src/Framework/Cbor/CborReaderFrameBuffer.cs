using System.Runtime.CompilerServices;

namespace Coap.Cbor;

/// <summary>Inline storage for the innermost open containers of a <see cref="CborReader"/>, so shallow input allocates nothing.</summary>
[InlineArray(Capacity)]
internal struct CborReaderFrameBuffer
{
    /// <summary>How many frames are kept inline.</summary>
    public const int Capacity = 8;

    private CborReaderFrame _element0;
}
