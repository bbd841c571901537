using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coap.MulticastTests;

/// <summary>
/// coap-server-notls instances that joined 224.0.1.187, each in its own network namespace nested in the test's,
/// linked to it by a veth pair on a bridge (10.99.0.0/24, the test side is 10.99.0.1).
/// </summary>
/// <remarks>
/// Why not three processes on 127.0.0.x: Linux hands a multicast datagram only to sockets bound to the group or
/// the wildcard, so libcoap (which joins on its one bound socket) must bind 0.0.0.0:5683; three of those answer
/// from the same 127.0.0.1:5683 with the request's message ID, which a group client rightly takes as one server
/// sending a duplicate. Separate namespaces give each its own address, as separate hosts would. Killing a server
/// ends its namespace, and with it the veth pair.
/// </remarks>
internal sealed class LibCoapGroupHosts : IAsyncDisposable
{
    public const string Bridge = "coapbr0";
    public static readonly IPAddress HostAddress = IPAddress.Parse("10.99.0.1");

    // Waits for the veth end to be moved in, configures it (with the multicast route), then becomes the server.
    private const string HostScript =
        "until ip link show \"$1\" >/dev/null 2>&1; do sleep 0.02; done; " +
        "ip link set lo up; ip addr add \"$2\"/24 dev \"$1\"; ip link set \"$1\" up; ip route add 224.0.0.0/4 dev \"$1\"; " +
        "exec \"$3\" -A 0.0.0.0 -g 224.0.1.187";

    private static int s_hosts;
    private readonly List<Process> _processes = [];
    private readonly List<(Task<string> Stdout, Task<string> Stderr)> _outputs = [];

    private LibCoapGroupHosts()
    {
    }

    /// <summary>The servers' addresses, in start order.</summary>
    public List<IPAddress> Addresses { get; } = [];

    public static async Task<LibCoapGroupHosts> StartAsync(int count)
    {
        await EnsureBridgeAsync();
        var server = LibCoapTool.Server;
        var hosts = new LibCoapGroupHosts();
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Fresh link names each time: a killed namespace takes its veth pair down asynchronously.
                var n = Interlocked.Increment(ref s_hosts);
                var inner = $"cvc{n}";
                var outer = $"cvh{n}";
                var address = IPAddress.Parse($"10.99.0.{10 + n}");
                var process = LibCoapTool.Start("unshare", ["-n", "sh", "-c", HostScript, "libcoap-host", inner, address.ToString(), server]);
                hosts._processes.Add(process);
                hosts._outputs.Add((process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync()));
                // "netns PID" names the namespace the process is in now: before unshare ran, that is still ours.
                await WaitUntilInOwnNamespaceAsync(process);
                await LibCoapTool.RunCheckedAsync("ip", "link", "add", outer, "type", "veth", "peer", "name", inner, "netns", process.Id.ToString(CultureInfo.InvariantCulture));
                await LibCoapTool.RunCheckedAsync("ip", "link", "set", outer, "master", Bridge, "up");
                hosts.Addresses.Add(address);
            }

            for (var i = 0; i < hosts.Addresses.Count; i++)
            {
                if (!await WaitUntilAnsweringAsync(hosts.Addresses[i]))
                {
                    await hosts.DisposeAsync();
                    var (_, links, _) = await LibCoapTool.RunAsync("ip", ["-br", "addr"], TimeSpan.FromSeconds(10));
                    throw new TimeoutException(
                        $"coap-server-notls at {hosts.Addresses[i]} did not answer GET / within 10 s: {await hosts._outputs[i].Stdout}{await hosts._outputs[i].Stderr}; links: {links}");
                }
            }
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }

        return hosts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            LibCoapTool.Kill(process);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        _processes.Clear();
    }

    private static async Task WaitUntilInOwnNamespaceAsync(Process process)
    {
        var ours = new FileInfo("/proc/self/ns/net").LinkTarget;
        var stopwatch = Stopwatch.StartNew();
        while (new FileInfo($"/proc/{process.Id}/ns/net").LinkTarget == ours)
        {
            if (process.HasExited || stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new InvalidOperationException("unshare -n did not move the libcoap host into a network namespace of its own.");
            }

            await Task.Delay(10);
        }
    }

    private static async Task EnsureBridgeAsync()
    {
        var (exists, _, _) = await LibCoapTool.RunAsync("ip", ["link", "show", Bridge], TimeSpan.FromSeconds(10));
        if (exists == 0)
        {
            return;
        }

        await LibCoapTool.RunCheckedAsync("ip", "link", "add", Bridge, "type", "bridge");
        await LibCoapTool.RunCheckedAsync("ip", "addr", "add", $"{HostAddress}/24", "dev", Bridge);
        await LibCoapTool.RunCheckedAsync("ip", "link", "set", Bridge, "up");
    }

    /// <summary>Sends CON GET / by unicast every 100 ms until libcoap's banner comes back (at most 10 s).</summary>
    private static async Task<bool> WaitUntilAnsweringAsync(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(HostAddress, 0));
        var buffer = new byte[2048];
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            byte[] probe = [0x41, 0x01, 0x00, (byte)stopwatch.ElapsedMilliseconds, 0x5A];
            await socket.SendToAsync(probe, new IPEndPoint(address, 5683));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), wait.Token);
                if (received.ReceivedBytes > 4 && buffer[1] == 0x45 && Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes).Contains("libcoap", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (OperationCanceledException)
            {
                // Not answering yet.
            }
            catch (SocketException)
            {
                // Port unreachable while it starts, or no neighbour yet.
                await Task.Delay(50);
            }
        }

        return false;
    }
}
