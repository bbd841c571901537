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
/// </summary>
[MemoryDiagnoser]
public class BlockTransferBenchmarks
{
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
