namespace Coap;

/// <summary>
/// IP multicast settings of a UDP endpoint: the groups it joins (a server receiving group
/// requests) and how it sends to groups (a client sending them). A joined group gets a socket
/// of its own per interface, bound to the group address with SO_REUSEADDR, so several servers
/// on one host all receive its datagrams; responses leave from the endpoint's unicast socket.
/// </summary>
public sealed class CoapMulticastOptions
{
    /// <summary>The CoAP port, also the default group port (RFC 7252 §12.8).</summary>
    public const int DefaultPort = 5683;

    /// <summary>"All CoAP Nodes" for IPv4 (RFC 7252 §12.8).</summary>
    public const string AllCoapNodesIPv4 = "224.0.1.187";

    /// <summary>"All CoAP Nodes", link-local scope, for IPv6 (RFC 7252 §12.8).</summary>
    public const string AllCoapNodesIPv6LinkLocal = "ff02::fd";

    /// <summary>"All CoAP Nodes", site-local scope, for IPv6 (RFC 7252 §12.8).</summary>
    public const string AllCoapNodesIPv6SiteLocal = "ff05::fd";

    /// <summary>The groups to join. Empty (the default): the endpoint receives no group requests.</summary>
    public IList<CoapMulticastGroup> Groups { get; } = [];

    /// <summary>
    /// Interfaces (names or indexes) to join every group on unless the group names its own.
    /// When empty, groups are joined on every interface that is up and supports multicast
    /// (and, for IPv4 groups, IPv4).
    /// </summary>
    public IList<string> Interfaces { get; } = [];

    /// <summary>IPv4 TTL / IPv6 hop limit of multicast datagrams sent. Default 1: the local link only.</summary>
    public int HopLimit { get; set; } = 1;

    /// <summary>Whether multicast datagrams sent are also delivered to group members on this host. Default true.</summary>
    public bool Loopback { get; set; } = true;

    /// <summary>
    /// The interface (name or index) multicast datagrams are sent on. Default: the routing
    /// table's choice. An IPv6 destination with a scope id (<c>ff02::fd%eth0</c>) uses that interface.
    /// </summary>
    public string? OutgoingInterface { get; set; }

    /// <summary>
    /// Lets group sockets share the port of an endpoint bound to a wildcard address (SO_REUSEADDR on its socket) even
    /// when no group on that port is joined at start, so that groups can be joined later
    /// (<see cref="CoapServer.JoinGroup(string, CoapGroupEntry)"/>). A group on the endpoint's port joined at start sets
    /// it anyway. Default false: with it, another process may bind the same port too.
    /// </summary>
    public bool SharePort { get; set; }

    /// <summary>Adds the All CoAP Nodes groups, 224.0.1.187 and ff02::fd on port 5683.</summary>
    public CoapMulticastOptions JoinAllCoapNodes()
    {
        Groups.Add(new CoapMulticastGroup(AllCoapNodesIPv4));
        Groups.Add(new CoapMulticastGroup(AllCoapNodesIPv6LinkLocal));
        return this;
    }
}
