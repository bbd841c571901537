using System.Net;
using System.Net.Sockets;
using Coap.Endpoint;
using Coap.Transport.Udp;

namespace Coap;

public sealed partial class CoapServer
{
    private readonly Lock _membershipGate = new();

    /// <summary>The groups this server is a member of, by name, with the endpoint whose sockets receive them (null: none could).</summary>
    private readonly Dictionary<string, (CoapGroup Group, CoapEndpoint? Listener)> _memberships = new(StringComparer.Ordinal);

    /// <summary>The names of the groups this server is a member of while it runs: <c>Coap:Groups:Members</c> and those joined since.</summary>
    public IReadOnlyCollection<string> GroupNames
    {
        get
        {
            lock (_membershipGate)
            {
                return [.. _memberships.Keys];
            }
        }
    }

    /// <summary>
    /// Joins a CoAP group while the server runs (groupcomm-bis §2.2.4: for a group without security, membership is
    /// just listening). The first endpoint that can answer the group's address family joins it, as at start; Uri-Host
    /// may name it at once, and its <see cref="CoapGroupEntry.Leisure"/> applies. The membership lasts until
    /// <see cref="LeaveGroup"/> or the server stops; to keep it across restarts, configure it in <c>Coap:Groups</c>.
    /// </summary>
    /// <param name="name">The group's name, unique among this server's groups.</param>
    /// <param name="entry">The group, as a <c>Coap:Groups:Members</c> entry would give it.</param>
    /// <exception cref="InvalidOperationException">The server is not running, the name is taken, or the entry is invalid.</exception>
    /// <exception cref="CoapException">No endpoint can answer the group's address family, or joining failed (the message names the group and interface).</exception>
    public void JoinGroup(string name, CoapGroupEntry entry)
    {
        var group = CoapGroup.Parse(name, entry);
        lock (_membershipGate)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start the server before joining a group, or configure the group in Coap:Groups.");
            }

            if (_memberships.ContainsKey(name))
            {
                throw new InvalidOperationException($"This server is a member of a group named '{name}' already.");
            }

            foreach (var (other, member) in _memberships)
            {
                if (member.Group.Address.Equals(group.Address) && member.Group.Port == group.Port)
                {
                    throw new InvalidOperationException($"Group '{name}' ({group.Address} port {group.Port}) is joined already, as '{other}'.");
                }
            }

            var listener = _endpoints.Find(e => e.Transport is UdpTransport udp && udp.CanAnswer(group.Address))
                ?? throw new CoapException($"No endpoint of this server can answer members of group '{name}' ({group.Address}): add a coap:// endpoint of its address family.");
            ((UdpTransport)listener.Transport).JoinGroup(ToMulticastGroup(group));
            foreach (var endpoint in _endpoints)
            {
                endpoint.AddGroup(group);
            }

            _memberships.Add(name, (group, listener));
        }
    }

    /// <summary>
    /// Leaves a group joined from <c>Coap:Groups</c> or by <see cref="JoinGroup"/>: its sockets close, and requests
    /// naming it in Uri-Host are dropped from then on.
    /// </summary>
    /// <returns>False when this server is not a member of a group of that name.</returns>
    public bool LeaveGroup(string name)
    {
        lock (_membershipGate)
        {
            if (!_memberships.Remove(name, out var membership))
            {
                return false;
            }

            (membership.Listener?.Transport as UdpTransport)?.LeaveGroup(membership.Group.Address, membership.Group.Port);
            foreach (var endpoint in _endpoints)
            {
                endpoint.RemoveGroup(membership.Group);
            }

            return true;
        }
    }

    /// <summary>The application groups this server is a member of while it runs: <c>Coap:Groups:ApplicationGroups</c> and those joined since.</summary>
    public IReadOnlyCollection<string> ApplicationGroupNames
    {
        get
        {
            lock (_membershipGate)
            {
                return _endpoints.Count == 0 ? [] : [.. _endpoints[0].ApplicationGroupNames];
            }
        }
    }

    /// <summary>
    /// Joins an application group while the server runs: requests naming it (<see cref="CoapGroupOptions.ApplicationGroupEncoding"/>)
    /// are handled from now on, with <see cref="CoapContext.ApplicationGroup"/> set. Lasts until
    /// <see cref="LeaveApplicationGroup"/> or the server stops.
    /// </summary>
    /// <returns>False when this server is a member already.</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or the name is not one path segment.</exception>
    public bool JoinApplicationGroup(string name)
    {
        var group = ApplicationGroupName.From(name);
        lock (_membershipGate)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start the server before joining an application group, or configure it in Coap:Groups:ApplicationGroups.");
            }

            var added = false;
            foreach (var endpoint in _endpoints)
            {
                added |= endpoint.AddApplicationGroup(group);
            }

            return added;
        }
    }

    /// <summary>Leaves an application group: requests naming it are dropped (group requests) or answered 4.04 from now on.</summary>
    /// <returns>False when this server is not a member.</returns>
    public bool LeaveApplicationGroup(string name)
    {
        lock (_membershipGate)
        {
            var removed = false;
            foreach (var endpoint in _endpoints)
            {
                removed |= endpoint.RemoveApplicationGroup(name);
            }

            return removed;
        }
    }

    /// <summary>Records which endpoint took each configured group at start.</summary>
    private void RecordMemberships(IEnumerable<CoapGroup> groups, CoapEndpoint? listener)
    {
        lock (_membershipGate)
        {
            foreach (var group in groups)
            {
                _memberships[group.Name] = (group, listener);
            }
        }
    }

    private void ForgetMemberships()
    {
        lock (_membershipGate)
        {
            _memberships.Clear();
        }
    }

    private static CoapMulticastGroup ToMulticastGroup(CoapGroup group)
    {
        var entry = new CoapMulticastGroup(group.Address.ToString(), group.Port);
        foreach (var name in group.Interfaces)
        {
            entry.Interfaces.Add(name);
        }

        return entry;
    }
    /// <summary>
    /// The UDP options for one endpoint: the configured ones plus the <c>Coap:Groups</c> members this endpoint
    /// joins. Each group goes to the first endpoint that can receive its address family, so a server with
    /// several endpoints still receives (and answers) each group request once.
    /// </summary>
    private CoapUdpOptions UdpOptionsFor(IPEndPoint endPoint, List<CoapGroup> unassigned, List<CoapGroup> assigned)
    {
        List<CoapMulticastGroup>? joined = null;
        foreach (var group in unassigned.ToArray())
        {
            if (!CanReceive(endPoint, group.Address.AddressFamily))
            {
                continue;
            }

            (joined ??= []).Add(ToMulticastGroup(group));
            assigned.Add(group);
            unassigned.Remove(group);
        }

        if (joined is null)
        {
            return _options.Udp;
        }

        var configured = _options.Udp;
        var multicast = new CoapMulticastOptions
        {
            HopLimit = configured.Multicast.HopLimit,
            Loopback = configured.Multicast.Loopback,
            OutgoingInterface = configured.Multicast.OutgoingInterface,
            SharePort = configured.Multicast.SharePort,
        };
        foreach (var name in configured.Multicast.Interfaces)
        {
            multicast.Interfaces.Add(name);
        }

        foreach (var group in configured.Multicast.Groups.Concat(joined))
        {
            multicast.Groups.Add(group);
        }

        return new CoapUdpOptions
        {
            ReceiveBufferSize = configured.ReceiveBufferSize,
            SendBufferSize = configured.SendBufferSize,
            ReceivePacketInformation = configured.ReceivePacketInformation,
            MaxDatagramSize = configured.MaxDatagramSize,
            Multicast = multicast,
        };
    }

    private static bool CanReceive(IPEndPoint endPoint, AddressFamily family) =>
        endPoint.AddressFamily == family || endPoint.Address.Equals(IPAddress.IPv6Any);
}
