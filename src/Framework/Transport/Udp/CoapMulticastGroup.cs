namespace Coap;

/// <summary>
/// One IP multicast group a UDP endpoint joins to receive group requests: its address and
/// port, and optionally the interfaces to join it on.
/// </summary>
public sealed class CoapMulticastGroup
{
    /// <summary>Creates an empty entry, for configuration binding.</summary>
    public CoapMulticastGroup()
    {
    }

    /// <summary>Creates an entry for a group address (e.g. <c>224.0.1.187</c>, <c>ff02::fd</c>) and port.</summary>
    public CoapMulticastGroup(string address, int port = CoapMulticastOptions.DefaultPort)
    {
        Address = address;
        Port = port;
    }

    /// <summary>The group's IPv4 or IPv6 multicast address.</summary>
    public string Address { get; set; } = "";

    /// <summary>The group's UDP port. Default 5683.</summary>
    public int Port { get; set; } = CoapMulticastOptions.DefaultPort;

    /// <summary>
    /// Interfaces (names such as <c>eth0</c>, or indexes) to join this group on; when empty,
    /// <see cref="CoapMulticastOptions.Interfaces"/> applies.
    /// </summary>
    public IList<string> Interfaces { get; } = [];

    /// <inheritdoc/>
    public override string ToString() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
