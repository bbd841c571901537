using Coap.Transport;

namespace Coap.Exchanges;

/// <summary>
/// A client-side body transfer that holds tokens of its own (Q-Block sends sets of NON requests,
/// and a Q-Block2 body arrives as several responses on one token): every response for one of its
/// tokens from its peer is handed to it instead of to an exchange.
/// </summary>
internal interface ITransferResponseSink
{
    /// <summary>The server the transfer talks to; responses from elsewhere are not delivered.</summary>
    PeerAddress Peer { get; }

    /// <summary>Called on the receive thread for each matching response (a CON one has been acknowledged already). Must not block.</summary>
    void OnResponse(CoapResponse response);

    /// <summary>
    /// The peer answered one of the transfer's NON requests with a Reset: it does not take Q-Block for this
    /// resource (RFC 9177 §4.1). Called on the receive thread. Must not block.
    /// </summary>
    void OnReset();
}
