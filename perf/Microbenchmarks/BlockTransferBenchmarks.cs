using System.Net;
using BenchmarkDotNet.Attributes;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Microbenchmarks;

/// <summary>
/// The server's per-block cost of a 1 MiB body with SZX 6 (1,024 blocks of 1,024 bytes), without
/// sockets: each operation is one block request through <see cref="CoapEndpoint.OnDatagram"/> with a
/// fresh message ID, answered by the encoded block handed to the transport. Block2 is served from the
/// response-body cache (the handler ran once, for block 0), so steady state should allocate nothing
/// beyond the datagram; Block1 appends to a pooled reassembly buffer and answers 2.31, and every
/// 1,024th block completes the body and runs the handler once.
/// BenchmarkDotNet's Allocated column divides in whole bytes (under 1 B/op reads "-"), so GlobalSetup
/// also counts the exact bytes of every block of <see cref="MeasuredBodies"/> bodies each way, by kind
/// of block, and prints them as <c>// BlockTransfer</c> lines; the B/op (raw) column has the decimals.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RawAllocationConfig))]
public class BlockTransferBenchmarks
{
    private const int MeasuredBodies = 8;
    private const int Blocks = 1024;
    private const int BlockSize = 1024;
    private static readonly byte[] Body = CreateBody();

    private readonly PeerAddress _peer = PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 40_000));
    private CoapEndpoint _endpoint = null!;
    private FakeTransport _transport = null!;
    private CoapMetrics _metrics = null!;
    private byte[][] _block2Requests = null!;
    private byte[][] _block1Requests = null!;
    private ushort _messageId;
    private int _next2;
    private int _next1;

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new CoapMetrics();
        _transport = new FakeTransport();
        var options = new CoapMessagingOptions { DeduplicationCapacity = 4096 };
        _endpoint = new CoapEndpoint(_transport, options, _metrics, NullLogger.Instance) { BlockWise = new CoapBlockWiseOptions() };
        _endpoint.Start(new FirmwareHandler());
        _block2Requests = [.. Enumerable.Range(0, Blocks).Select(n => Messages.CreateBlockRequest(CoapCode.Get, "big", CoapOptionNumber.Block2, new CoapBlock(n, false, 6), default))];
        _block1Requests = [.. Enumerable.Range(0, Blocks).Select(n => Messages.CreateBlockRequest(
            CoapCode.Put, "upload", CoapOptionNumber.Block1, new CoapBlock(n, n < Blocks - 1, 6), Body.AsMemory(n * BlockSize, BlockSize)))];

        // Warm up: one whole body each way, so buffers, pools and the cache are in their steady state.
        for (var i = 0; i < Blocks; i++)
        {
            ServeBlock2();
            ReceiveBlock1();
        }

        if (_transport.LastCode != CoapCode.Changed)
        {
            throw new InvalidOperationException($"The Block1 warm-up ended with {_transport.LastCode}, not 2.04.");
        }

        MeasureAllocations();
        MeasureWithDefaultDeduplication();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _metrics.Dispose();
    }

    /// <summary>One Block2 request (NUM cycling through the body) answered with 1,024 bytes from the cache.</summary>
    [Benchmark(Baseline = true)]
    public int ServeBlock2() => Send(_block2Requests[_next2++ % Blocks]);

    /// <summary>One Block1 block of a 1 MiB upload: appended and answered with 2.31 (2.04 for the last).</summary>
    [Benchmark]
    public int ReceiveBlock1() => Send(_block1Requests[_next1++ % Blocks]);

    /// <summary>
    /// Exact bytes allocated (this thread, <see cref="GC.GetAllocatedBytesForCurrentThread"/>) by every block
    /// of <see cref="MeasuredBodies"/> whole bodies each way, split by kind of block: the ones that run the
    /// handler (Block2 NUM 0, the last Block1 block), the one that starts a reassembly (Block1 NUM 0), and
    /// the steady ones (Block2 NUM &gt; 0 from the cache, Block1 blocks in between).
    /// </summary>
    private void MeasureAllocations()
    {
        var block2First = default(Tally);
        var block2Cached = default(Tally);
        var block1First = default(Tally);
        var block1Middle = default(Tally);
        var block1Last = default(Tally);
        var processBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < MeasuredBodies * Blocks; i++)
        {
            var number = _next2 % Blocks;
            var before = GC.GetAllocatedBytesForCurrentThread();
            ServeBlock2();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            (number == 0 ? ref block2First : ref block2Cached).Add(bytes);

            number = _next1 % Blocks;
            before = GC.GetAllocatedBytesForCurrentThread();
            ReceiveBlock1();
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            (number == 0 ? ref block1First : ref number == Blocks - 1 ? ref block1Last : ref block1Middle).Add(bytes);
        }

        var process = GC.GetTotalAllocatedBytes(precise: true) - processBefore;
        var thread = block2First.Bytes + block2Cached.Bytes + block1First.Bytes + block1Middle.Bytes + block1Last.Bytes;
        Report($"allocations over {MeasuredBodies} bodies each way ({MeasuredBodies * Blocks * 2:N0} blocks): this thread {thread:N0} B, whole process {process:N0} B");
        Report($"Block2 NUM 0 (handler runs, body captured):   {block2First}");
        Report($"Block2 NUM > 0 (from the response-body cache): {block2Cached}");
        Report($"Block1 NUM 0 (reassembly starts):             {block1First}");
        Report($"Block1 blocks in between (appended, 2.31):    {block1Middle}");
        Report($"Block1 last (body complete, handler runs):    {block1Last}");
        Report($"per block over whole bodies: Block2 {(block2First.Bytes + block2Cached.Bytes) / (double)(MeasuredBodies * Blocks):N3} B, " +
            $"Block1 {(block1First.Bytes + block1Middle.Bytes + block1Last.Bytes) / (double)(MeasuredBodies * Blocks):N3} B");
    }

    /// <summary>
    /// The same Block2 follow-ups on a fresh endpoint with the default messaging options (DeduplicationCapacity
    /// 65,536): the deduplication ring is far from full, as on a server that gets fewer than 65,536 requests per
    /// EXCHANGE_LIFETIME, so no entry is evicted early and hands its buffer back before the next is taken.
    /// Three bodies after one to warm up.
    /// </summary>
    private void MeasureWithDefaultDeduplication()
    {
        using var metrics = new CoapMetrics();
        var transport = new FakeTransport();
        var endpoint = new CoapEndpoint(transport, new CoapMessagingOptions(), metrics, NullLogger.Instance) { BlockWise = new CoapBlockWiseOptions() };
        try
        {
            endpoint.Start(new FirmwareHandler());
            var cached = default(Tally);
            for (var body = 0; body < 4; body++)
            {
                for (var number = 0; number < Blocks; number++)
                {
                    var request = _block2Requests[number];
                    var id = ++_messageId;
                    request[2] = (byte)(id >> 8);
                    request[3] = (byte)id;
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    endpoint.OnDatagram(request, _peer, DatagramInfo.None);
                    var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                    if (body > 0 && number > 0)
                    {
                        cached.Add(bytes);
                    }
                }
            }

            Report($"default DeduplicationCapacity ({endpoint.Deduplication.Capacity:N0}), {endpoint.Deduplication.Count:N0} entries held, Block2 NUM > 0: {cached}");
        }
        finally
        {
            endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Report(string line) => Console.WriteLine($"// BlockTransfer {line}");

    private int Send(byte[] request)
    {
        var id = ++_messageId;
        request[2] = (byte)(id >> 8);
        request[3] = (byte)id;
        _endpoint.OnDatagram(request, _peer, DatagramInfo.None);
        return _transport.LastLength;
    }

    private static byte[] CreateBody()
    {
        var body = new byte[Blocks * BlockSize];
        new Random(7).NextBytes(body);
        return body;
    }

    /// <summary>Bytes allocated by a kind of block: total, blocks, blocks that allocated anything, the largest.</summary>
    private struct Tally
    {
        public long Bytes;
        public int Blocks;
        public int Allocating;
        public long Max;

        public void Add(long bytes)
        {
            Bytes += bytes;
            Blocks++;
            Allocating += bytes > 0 ? 1 : 0;
            Max = Math.Max(Max, bytes);
        }

        public override readonly string ToString() => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{Bytes:N0} B over {Blocks:N0} blocks = {(Blocks == 0 ? 0 : Bytes / (double)Blocks):N3} B/block; {Allocating:N0} blocks allocated, at most {Max:N0} B");
    }

    /// <summary>GET /big answers the 1 MiB body without copying; PUT /upload takes the whole body.</summary>
    private sealed class FirmwareHandler : ICoapRequestHandler
    {
        public ValueTask HandleAsync(CoapContext context)
        {
            if (context.Method == CoapCode.Get)
            {
                context.Response.SetContentFormat(CoapContentFormat.OctetStream);
                context.Response.SetPayload(Body);
            }
            else
            {
                context.Response.Code = context.Payload.Length == Body.Length ? CoapCode.Changed : CoapCode.BadRequest;
            }

            return ValueTask.CompletedTask;
        }
    }
}
