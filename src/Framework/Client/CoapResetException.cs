namespace Coap;

/// <summary>The peer answered the request with a Reset message: it could not process it.</summary>
public sealed class CoapResetException : CoapException
{
    /// <summary>Creates the exception.</summary>
    public CoapResetException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapResetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
