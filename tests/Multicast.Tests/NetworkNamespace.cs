namespace Coap.MulticastTests;

/// <summary>
/// Guards every test here: multicast may only be sent inside the namespace eng/netns-run.sh
/// creates. Outside it the tests fail (they never skip), so a run that forgot the script is red.
/// </summary>
internal static class NetworkNamespace
{
    public const string Variable = "COAP_NETNS";

    public static void Require()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: the multicast tests must run inside the network namespace, e.g. " +
                "`bash eng/netns-run.sh dotnet test tests/Multicast.Tests -c Release` (test.sh does this).");
        }

        if (!HasMulticastRouteOnLoopback())
        {
            throw new InvalidOperationException(
                "No route 224.0.0.0/4 via lo in this network namespace: IPv4 multicast could leave the machine. Run through eng/netns-run.sh.");
        }
    }

    private static bool HasMulticastRouteOnLoopback()
    {
        // /proc/net/route is per namespace: "Iface Destination Gateway Flags ... Mask" in little-endian hex.
        return File.ReadLines("/proc/net/route").Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Any(fields => fields.Length > 7 && fields[0] == "lo" && fields[1] == "000000E0" && fields[7] == "000000F0");
    }
}
