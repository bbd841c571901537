namespace Coap.Codec;

/// <summary>A message could not be encoded: a buffer too small, options out of order, a token too long.</summary>
public sealed class CoapEncodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoapEncodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapEncodingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
