namespace Coap.Transport;

/// <summary>What a transport hands each received datagram to: the messaging layer.</summary>
internal interface IDatagramReceiver
{
    /// <summary>
    /// Called on the transport's receive thread; the span is only valid during the call.
    /// Must not throw and should not block.
    /// </summary>
    void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info);
}
