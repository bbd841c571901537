namespace Coap;

/// <summary>The four message types of RFC 7252 §3.</summary>
public enum CoapMessageType : byte
{
    /// <summary>Confirmable: retransmitted until acknowledged.</summary>
    Confirmable = 0,

    /// <summary>Non-confirmable: sent once.</summary>
    NonConfirmable = 1,

    /// <summary>Acknowledgement of a confirmable message; may carry a piggybacked response.</summary>
    Acknowledgement = 2,

    /// <summary>Reset: the receiver could not process a message.</summary>
    Reset = 3,
}
