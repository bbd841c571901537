namespace Coap.Cbor;

/// <summary>Enumerates the encoded data items of a CBOR sequence (see <see cref="CborSequence.EnumerateItems"/>) without allocating.</summary>
public ref struct CborSequenceEnumerator
{
    private CborReader _reader;
    private ReadOnlySpan<byte> _current;

    internal CborSequenceEnumerator(CborReader reader)
    {
        _reader = reader;
        _current = default;
    }

    /// <summary>The encoding of the current item.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator, for <see langword="foreach"/>.</summary>
    public readonly CborSequenceEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next item.</summary>
    /// <exception cref="CborContentException">The next item is malformed.</exception>
    public bool MoveNext()
    {
        if (_reader.PeekState() == CborReaderState.Finished)
        {
            _current = default;
            return false;
        }

        _current = _reader.ReadEncodedValue();
        return true;
    }
}
