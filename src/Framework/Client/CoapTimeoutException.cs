namespace Coap;

/// <summary>No acknowledgement after MAX_RETRANSMIT retransmissions, or no response in time.</summary>
public sealed class CoapTimeoutException : CoapException
{
    /// <summary>Creates the exception.</summary>
    public CoapTimeoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
