namespace Coap;

/// <summary>Thrown by <see cref="CoapResponse.EnsureSuccess"/> for a non-2.xx response.</summary>
public sealed class CoapResponseException : CoapException
{
    /// <summary>Creates the exception for a response.</summary>
    public CoapResponseException(CoapResponse response)
        : base($"The server answered {response.Code}.") => Response = response;

    /// <summary>The response.</summary>
    public CoapResponse? Response { get; }

    /// <summary>Creates the exception.</summary>
    public CoapResponseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CoapResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
