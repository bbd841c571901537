namespace Coap;

/// <summary>Socket settings for UDP endpoints.</summary>
public sealed class CoapUdpOptions
{
    /// <summary>SO_RCVBUF in bytes (1–4 MB keeps bursts from being dropped). Default 2 MiB.</summary>
    public int ReceiveBufferSize { get; set; } = 2 * 1024 * 1024;

    /// <summary>SO_SNDBUF in bytes. Default 1 MiB.</summary>
    public int SendBufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Report the destination address and interface of every datagram (IP_PKTINFO). Needed to
    /// tell multicast requests apart; costs one allocation per datagram.
    /// </summary>
    public bool ReceivePacketInformation { get; set; }

    /// <summary>The largest datagram accepted; larger ones are truncated by the socket and dropped.</summary>
    public int MaxDatagramSize { get; set; } = 65_535;

    /// <summary>
    /// IP multicast: the groups this endpoint joins, and the hop limit, loopback and interface
    /// of what it sends to groups. Joined groups always report packet information.
    /// </summary>
    public CoapMulticastOptions Multicast { get; set; } = new();
}
