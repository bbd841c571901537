using System.Globalization;
using System.Net;

namespace Coap.Exchanges;

/// <summary>
/// <see cref="CoapGroupClientOptions"/> resolved once: the defaults, and the <see cref="CoapGroupClientOptions.PerGroup"/>
/// entries parsed into addresses. Immutable, so the client reads it without locks.
/// </summary>
internal sealed class GroupParameterTable
{
    private const int DefaultPort = 5683;

    private readonly GroupParameters _defaults;
    private readonly (IPAddress Address, int Port, GroupParameters Parameters)[] _entries;

    private GroupParameterTable(GroupParameters defaults, (IPAddress, int, GroupParameters)[] entries)
    {
        _defaults = defaults;
        _entries = entries;
    }

    /// <summary>Parses and checks the options.</summary>
    /// <exception cref="ArgumentException">A <see cref="CoapGroupClientOptions.PerGroup"/> key or value is invalid; the message names it.</exception>
    public static GroupParameterTable Build(CoapGroupClientOptions options)
    {
        var defaults = new GroupParameters(options.NStart, options.ProbingRate, options.MaxServerResponseDelay, options.EffectiveMinTokenReuseTime);
        var entries = new List<(IPAddress, int, GroupParameters)>();
        foreach (var (key, entry) in options.PerGroup)
        {
            var (address, port) = ParseKey(key);
            var delay = entry.MaxServerResponseDelay ?? options.MaxServerResponseDelay;
            var parameters = new GroupParameters(
                entry.NStart ?? options.NStart,
                entry.ProbingRate ?? options.ProbingRate,
                delay,
                options.MinTokenReuseTime ?? (CoapGroupClientOptions.TokenReuseBase + delay));
            var name = $"PerGroup[{key}]";
            ArgumentOutOfRangeException.ThrowIfLessThan(parameters.NStart, 1, $"{name}.NStart");
            CoapGroupClientOptions.ThrowIfNotPositive(parameters.ProbingRate, $"{name}.ProbingRate");
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, $"{name}.MaxServerResponseDelay");
            entries.Add((address, port, parameters));
        }

        return new GroupParameterTable(defaults, [.. entries]);
    }

    /// <summary>The parameters for the group at <paramref name="group"/>; the interface (scope) of an IPv6 address does not matter.</summary>
    public GroupParameters For(IPEndPoint group)
    {
        var address = Unscoped(group.Address);
        foreach (var (candidate, port, parameters) in _entries)
        {
            if (port == group.Port && candidate.Equals(address))
            {
                return parameters;
            }
        }

        return _defaults;
    }

    /// <summary>"224.0.1.187:5683", "[ff02::fd]:5683", or an address alone (port 5683).</summary>
    private static (IPAddress Address, int Port) ParseKey(string key)
    {
        if (!IPEndPoint.TryParse(key.Trim(), out var endPoint))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "PerGroup key '{0}' is not a group address with an optional port (224.0.1.187:5683, [ff02::fd]:5683).", key), nameof(CoapGroupClientOptions.PerGroup));
        }

        return (Checked(endPoint.Address, key), endPoint.Port == 0 ? DefaultPort : endPoint.Port);
    }

    private static IPAddress Checked(IPAddress address, string key)
    {
        var multicast = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? (address.GetAddressBytes()[0] & 0xF0) == 0xE0
            : address.IsIPv6Multicast;
        return multicast
            ? Unscoped(address)
            : throw new ArgumentException($"PerGroup key '{key}' is not an IP multicast address.", nameof(CoapGroupClientOptions.PerGroup));
    }

    private static IPAddress Unscoped(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }
}
