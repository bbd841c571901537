namespace Coap;

/// <summary>Base of the errors the CoAP client reports.</summary>
public class CoapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoapException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
