using System.Net;

namespace Coap.Interop.Tests.Infrastructure;

/// <summary>The loopback addresses every interop test runs over, as URI hosts.</summary>
internal static class Loopback
{
    public const string V4 = "127.0.0.1";

    public const string V6 = "[::1]";

    public static IReadOnlyList<string> Hosts { get; } = [V4, V6];

    public static IPAddress Address(string host) => host == V6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
}
