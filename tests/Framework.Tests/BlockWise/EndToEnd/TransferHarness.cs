using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Routing;
using Coap.TestUtilities;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// Our client and our server on a simulated network with loss, duplication and reordering and a
/// fake clock. The server serves <c>/big</c> (GET, a deterministic body) and <c>/upload</c> (PUT,
/// stores the body and answers its SHA-256) and <c>/transform</c> (POST or FETCH, answers the body with every byte
/// inverted, so a large body goes both ways); <c>/q/…</c> are the same resources marked <c>[QBlock]</c>. The clock moves only when the network is idle, straight to
/// the next timer, so lossy transfers take little real time.
/// </summary>
internal sealed class TransferHarness : IAsyncDisposable, ICoapRequestHandler, ICoapTransferPolicy
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);

    private static readonly QBlockAttribute QBlock = new() { AllowNoSec = true };
    private readonly bool _qblockRoutes;
    private byte[]? _uploaded;
    private int _uploads;
    private int _transforms;

    /// <param name="bodySize">Length of the body served and compared.</param>
    /// <param name="seed">Seeds the body, the network and NON_TIMEOUT_RANDOM.</param>
    /// <param name="loss">Share of datagrams dropped; a quarter of that share is duplicated and another quarter reordered.</param>
    /// <param name="qblockRoutes">Whether <c>/q/…</c> resources are marked <c>[QBlock]</c>.</param>
    /// <param name="messaging">Messaging options of both endpoints.</param>
    /// <param name="blockWise">Block-wise options of both endpoints.</param>
    public TransferHarness(int bodySize, int seed, double loss, bool qblockRoutes = true, Action<CoapMessagingOptions>? messaging = null, Action<CoapBlockWiseOptions>? blockWise = null)
    {
        _qblockRoutes = qblockRoutes;
        Body = CreateBody(bodySize, seed);
        Time = new FakeTimeProvider();
        var reorder = new Random(seed + 1);
        Network = new InMemoryNetwork(Time, seed) { LossRate = loss, DuplicateRate = loss / 4 };
        Network.ReorderWhen = _ => reorder.NextDouble() < loss / 4; // Called under the network's lock.
        var messagingOptions = new CoapMessagingOptions();
        messaging?.Invoke(messagingOptions);
        var blockWiseOptions = new CoapBlockWiseOptions();
        blockWise?.Invoke(blockWiseOptions);
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), messagingOptions, new CoapMetrics(), NullLogger.Instance, Time)
        {
            BlockWise = blockWiseOptions,
            TransferPolicy = this,
            QBlockRandom = new Random(seed),
        };
        Server.Start(this);
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), messagingOptions, new CoapMetrics(), NullLogger.Instance, Time)
        {
            BlockWise = blockWiseOptions,
        };
        ClientEndpoint.Start(handler: null);
        Client = new CoapClient(ClientEndpoint) { QBlockRandom = new Random(seed) };
    }

    public byte[] Body { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapEndpoint Server { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    /// <summary>The last body PUT to an upload resource.</summary>
    public byte[]? Uploaded => Volatile.Read(ref _uploaded);

    /// <summary>How many times an upload action ran.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    /// <summary>How many times a transform action ran.</summary>
    public int Transforms => Volatile.Read(ref _transforms);

    public bool HasQBlockRoutes => _qblockRoutes;

    /// <summary>What <c>/transform</c> answers to <paramref name="body"/>.</summary>
    public static byte[] Transform(ReadOnlySpan<byte> body)
    {
        var result = body.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            result[i] ^= 0xFF;
        }

        return result;
    }

    public static string Uri(string path) => $"coap://{ServerAddress}/{path}";

    /// <summary>A body whose bytes depend on the seed, so a misplaced block shows.</summary>
    public static byte[] CreateBody(int size, int seed)
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        return body;
    }

    public QBlockAttribute? FindQBlock(CoapContext context) =>
        _qblockRoutes && context.GetPath().StartsWith("/q/", StringComparison.Ordinal) ? QBlock : null;

    public ValueTask HandleAsync(CoapContext context)
    {
        var path = context.GetPath();
        var response = context.Response;
        if (path == "/.well-known/core" && context.Method == CoapCode.Get)
        {
            // As a hosted application serves it; also where the client's Q-Block support probe goes (RFC 9177 §4.1).
            response.Code = CoapCode.Content;
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            response.WritePayload("</big>,</upload>,</transform>,</q/big>,</q/upload>,</q/transform>".AsSpan());
        }
        else if (path.EndsWith("/big", StringComparison.Ordinal) && context.Method == CoapCode.Get)
        {
            response.Code = CoapCode.Content;
            response.SetContentFormat(CoapContentFormat.OctetStream);
            response.SetPayload(Body);
        }
        else if (path.EndsWith("/upload", StringComparison.Ordinal) && context.Method == CoapCode.Put)
        {
            var body = context.Payload.ToArray();
            Interlocked.Increment(ref _uploads);
            Volatile.Write(ref _uploaded, body);
            response.Code = CoapCode.Changed;
            response.WritePayload(Convert.ToHexStringLower(SHA256.HashData(body)).AsSpan());
        }
        else if (path.EndsWith("/transform", StringComparison.Ordinal) && (context.Method == CoapCode.Post || context.Method == CoapCode.Fetch))
        {
            Interlocked.Increment(ref _transforms);
            response.Code = context.Method == CoapCode.Post ? CoapCode.Changed : CoapCode.Content;
            response.SetContentFormat(CoapContentFormat.OctetStream);

            // The client may keep a partial response body for min(NON_PARTIAL_TIMEOUT, Max-Age) (RFC 9177 §4.4): at
            // 30 % loss each way, collecting 256 KiB can take longer than the default 60 s of fake time.
            response.AddOption(CoapOptionNumber.MaxAge, 600u);
            response.SetPayload(Transform(context.Payload.Span));
        }
        else
        {
            response.Code = CoapCode.NotFound;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion: while the network is busy real time passes; when it
    /// has been idle for a moment, the clock jumps to the next timer (retransmission, pacing, recovery).
    /// </summary>
    /// <remarks>
    /// "Idle" is two quiet polls in a row with no queued thread-pool work: on a loaded machine a continuation that
    /// has not run yet would otherwise see the clock jump minutes ahead of it (the peer gives the body up meanwhile).
    /// After five quiet polls the clock moves anyway, so work from tests running alongside cannot hold it back long.
    /// </remarks>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        var budget = limit ?? TimeSpan.FromSeconds(120);
        var lastCount = -1;
        var quietPolls = 0;
        while (!task.IsCompleted)
        {
            if (watch.Elapsed > budget)
            {
                throw new TimeoutException($"The transfer did not finish within {budget} of real time ({Network.SentCount} datagrams, fake time {Time.GetUtcNow():HH:mm:ss}). Last datagrams: {Tail()}");
            }

            await Task.WhenAny(task, Task.Delay(2));
            var count = Network.SentCount;
            quietPolls = count == lastCount ? quietPolls + 1 : 0;
            lastCount = count;
            if (!task.IsCompleted && (quietPolls >= 2 && (ThreadPool.PendingWorkItemCount == 0 || quietPolls >= 5)))
            {
                Time.AdvanceToNextTimer(TimeSpan.FromSeconds(5));
                quietPolls = 0;
            }
        }

        return await task;
    }

    /// <summary>The last datagrams sent, one line each, for a transfer that stalled.</summary>
    private string Tail()
    {
        var lines = Network.Sent.TakeLast(40).Select(d =>
        {
            var m = d.Parse();
            var block = m.Options.TryGet(CoapOptionNumber.QBlock1, out var o1) || m.Options.TryGet(CoapOptionNumber.QBlock2, out o1)
                || m.Options.TryGet(CoapOptionNumber.Block1, out o1) || m.Options.TryGet(CoapOptionNumber.Block2, out o1)
                ? CoapBlock.TryDecode(o1.Value.Span, out var b) ? b.ToString() : "?" : "";
            var from = d.From.Equals(ServerAddress) ? "S" : "C";
            return $"{d.SentAt:HH:mm:ss.fff} {from} {m.Type} {m.Code} mid={m.MessageId} tok={Convert.ToHexString(m.Token.Span)} {block} {m.Payload.Length}B";
        });
        return Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
