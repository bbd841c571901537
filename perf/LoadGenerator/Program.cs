using System.CommandLine;
using System.Net;

namespace Coap.LoadGenerator;

/// <summary>
/// A CoAP load generator for any server over UDP, and (with --serve) a server of ours to point it at.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var target = new Option<string>("--target") { Description = "The server, host:port or [v6]:port.", DefaultValueFactory = _ => "127.0.0.1:5683" };
        var path = new Option<string>("--path") { Description = "The resource to GET.", DefaultValueFactory = _ => "/time" };
        var mode = new Option<string>("--mode") { Description = "multi: one socket per endpoint, one request in flight on each; single: one socket, --in-flight requests.", DefaultValueFactory = _ => "multi" };
        mode.AcceptOnlyFromAmong("multi", "single");
        var endpoints = new Option<int>("--endpoints") { Description = "Client sockets in multi mode.", DefaultValueFactory = _ => 256 };
        var inFlight = new Option<int>("--in-flight") { Description = "Outstanding requests in single mode.", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "Threads sharing the sockets in multi mode (each waits on its share with epoll).", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds (per batch).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Unmeasured seconds before (per batch).", DefaultValueFactory = _ => 2 };
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds after which a request counts as lost and its endpoint sends a new one.", DefaultValueFactory = _ => 2000 };
        var serverPid = new Option<int?>("--server-pid") { Description = "Report this process's CPU time over the measured window." };
        var batches = new Option<int>("--batches") { Description = "Multi mode: run this many times, each with fresh sockets (old ones stay open, so every endpoint is new).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON line of results." };
        var serve = new Option<bool>("--serve") { Description = "Run our CoAP server answering /time instead of generating load." };
        var port = new Option<int>("--port") { Description = "Serve mode: the UDP port.", DefaultValueFactory = _ => 5690 };
        var bind = new Option<string>("--bind") { Description = "Serve mode: the address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var serveSeconds = new Option<double?>("--serve-seconds") { Description = "Serve mode: stop after this many seconds (default: at SIGTERM or SIGINT)." };
        var dedupCapacity = new Option<int?>("--dedup-capacity") { Description = "Serve mode: Messaging.DeduplicationCapacity (default: the server's default)." };
        var controllers = new Option<bool>("--controllers") { Description = "Serve mode: answer /time through the generated router over a singleton controller instead of the hand-written handler." };
        var oscore = new Option<bool>("--oscore") { Description = "Protect requests with OSCORE (RFC 8613 C.1 test context). Serve mode: configure that context and require OSCORE (globally; with --controllers on the [RequireOscore] resource /stime)." };
        var oscoreSsn = new Option<ulong>("--oscore-first-ssn") { Description = "With --oscore: the first sequence number (Partial IV); raise it to reuse a server that has seen earlier runs.", DefaultValueFactory = _ => 0 };

        var root = new RootCommand("CoAP load generator: GETs a resource over UDP as fast as the server answers, or serves one with --serve.")
        {
            target, path, mode, endpoints, inFlight, threads, duration, warmup, timeout, serverPid, batches, json,
            serve, port, bind, serveSeconds, dedupCapacity, controllers, oscore, oscoreSsn,
        };

        root.SetAction(result =>
        {
            if (result.GetValue(serve))
            {
                var limit = result.GetValue(serveSeconds) is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
                return ServeMode.Run(result.GetValue(bind)!, result.GetValue(port), limit, result.GetValue(dedupCapacity), result.GetValue(controllers), result.GetValue(oscore), result.GetValue(json));
            }

            if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            {
                Console.Error.WriteLine("The load generator calls epoll and recvmmsg directly: it runs on 64-bit Linux only.");
                return 2;
            }

            var multi = result.GetValue(mode) == "multi";
            var settings = new LoadSettings
            {
                Target = ParseTarget(result.GetValue(target)!),
                Path = result.GetValue(path)!,
                MultiEndpoint = multi,
                Endpoints = Require(result.GetValue(endpoints), 1, 60_000, "--endpoints"),
                InFlight = Require(result.GetValue(inFlight), 1, 60_000, "--in-flight"),
                Threads = Require(result.GetValue(threads), 1, 64, "--threads"),
                Duration = TimeSpan.FromSeconds(result.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
                Timeout = TimeSpan.FromMilliseconds(Require(result.GetValue(timeout), 1, 600_000, "--timeout")),
                ServerPid = result.GetValue(serverPid),
                Batches = multi ? Require(result.GetValue(batches), 1, 1000, "--batches") : 1,
                Json = result.GetValue(json),
                Oscore = result.GetValue(oscore),
                OscoreFirstSequenceNumber = result.GetValue(oscoreSsn),
            };
            return new LoadRunner(settings).Run();
        });

        return root.Parse(args).Invoke();
    }

    private static int Require(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    private static IPEndPoint ParseTarget(string text)
    {
        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0)
        {
            return endPoint;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), out var targetPort))
        {
            var host = text[..colon];
            var address = host == "localhost" ? IPAddress.Loopback : Dns.GetHostAddresses(host)[0];
            return new IPEndPoint(address, targetPort);
        }

        throw new FormatException($"--target '{text}': expected host:port, e.g. 127.0.0.1:5683.");
    }
}
