using System.Net;

namespace Coap.Transport;

/// <summary>
/// Where a datagram arrived: the local address it was sent to and the interface, when the
/// transport reports packet information. Group communication tells multicast requests apart
/// with it.
/// </summary>
internal readonly record struct DatagramInfo(IPAddress? LocalAddress, int InterfaceIndex)
{
    public static DatagramInfo None => default;

    public bool IsMulticast => LocalAddress is { } address &&
        (address.IsIPv6Multicast || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0));
}
