using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Coap.Transport.Udp;

/// <summary>A network interface a group is joined on or sent through: its name and OS index.</summary>
internal readonly record struct MulticastInterface(string Name, int Index)
{
    /// <summary>
    /// The interfaces named (by name or index), or, when none are, every interface that is up
    /// and supports multicast and the family. Throws <see cref="CoapException"/> naming the
    /// group and the interface when one does not exist.
    /// </summary>
    public static List<MulticastInterface> Resolve(IList<string> names, AddressFamily family, string group)
    {
        var all = NetworkInterface.GetAllNetworkInterfaces();
        if (names.Count > 0)
        {
            return names.Select(name => Find(all, name, group)).ToList();
        }

        var component = family == AddressFamily.InterNetworkV6 ? NetworkInterfaceComponent.IPv6 : NetworkInterfaceComponent.IPv4;
        var usable = all
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.SupportsMulticast && i.Supports(component))
            .Select(i => new MulticastInterface(i.Name, IndexOf(i)))
            .ToList();
        if (usable.Count == 0)
        {
            throw new CoapException($"Cannot join multicast group {group}: no network interface is up with multicast and {component}; name one in Multicast.Interfaces.");
        }

        return usable;
    }

    /// <summary>One interface by name or index; throws <see cref="CoapException"/> naming what the host has when it is missing.</summary>
    public static MulticastInterface Find(string nameOrIndex, string purpose)
    {
        return Find(NetworkInterface.GetAllNetworkInterfaces(), nameOrIndex, purpose);
    }

    public override string ToString() => $"{Name} (index {Index})";

    private static MulticastInterface Find(NetworkInterface[] all, string nameOrIndex, string group)
    {
        var byName = all.FirstOrDefault(i => string.Equals(i.Name, nameOrIndex, StringComparison.Ordinal));
        if (byName is not null)
        {
            return new MulticastInterface(byName.Name, IndexOf(byName));
        }

        if (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            all.FirstOrDefault(i => IndexOf(i) == index) is { } byIndex)
        {
            return new MulticastInterface(byIndex.Name, index);
        }

        var available = string.Join(", ", all.Select(i => $"{i.Name} ({IndexOf(i)})"));
        throw new CoapException($"Cannot use interface '{nameOrIndex}' for multicast group {group}: no such interface on this host (available: {available}).");
    }

    private static int IndexOf(NetworkInterface networkInterface)
    {
        // The index is the same for both families; an interface without IPv6 still reports an IPv4 one.
        var properties = networkInterface.GetIPProperties();
        return networkInterface.Supports(NetworkInterfaceComponent.IPv6)
            ? properties.GetIPv6Properties().Index
            : properties.GetIPv4Properties().Index;
    }
}
