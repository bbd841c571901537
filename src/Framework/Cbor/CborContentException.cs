namespace Coap.Cbor;

/// <summary>
/// The CBOR input cannot be read as requested. <see cref="CborReader"/> reports every problem that
/// depends on the input this way: malformed data (truncation, reserved additional information,
/// misplaced break codes or indefinite lengths, invalid UTF-8, lengths beyond the input, nesting
/// beyond the depth limit), violations of the reader's <see cref="CborConformanceMode"/>, and a
/// well-formed item that is not what the caller asked for (a text string where an integer was
/// expected, an integer too large for the requested type). After this exception the reader's
/// position is unspecified; discard it.
/// </summary>
public sealed class CborContentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CborContentException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the input.</param>
    public CborContentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the input.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CborContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
