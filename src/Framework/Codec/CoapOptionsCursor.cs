namespace Coap.Codec;

/// <summary>
/// Walks the options of a message that <see cref="CoapMessageReader"/> has validated, one at a
/// time, without allocating. Numbers come out in ascending order, as they are on the wire.
/// </summary>
public ref struct CoapOptionsCursor
{
    private ReadOnlySpan<byte> _remaining;

    internal CoapOptionsCursor(ReadOnlySpan<byte> options)
    {
        _remaining = options;
        Number = 0;
        Value = default;
    }

    /// <summary>The current option's number.</summary>
    public int Number { get; private set; }

    /// <summary>The current option's value.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Moves to the next option; false at the end.</summary>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty || _remaining[0] == CoapMessageReader.PayloadMarker)
        {
            return false;
        }

        var status = CoapMessageReader.TryReadOption(_remaining, Number, out var number, out var value, out var consumed);
        if (status != CoapFormatError.None)
        {
            // Only validated spans reach a cursor; stop rather than throw if one did not.
            _remaining = default;
            return false;
        }

        Number = number;
        Value = value;
        _remaining = _remaining[consumed..];
        return true;
    }

    /// <summary>Returns this cursor, so it works in a foreach.</summary>
    public readonly CoapOptionsCursor GetEnumerator() => this;

    /// <summary>The current option, for foreach.</summary>
    public readonly CoapOptionView Current => new(Number, Value);
}
