using System.Net;
using BenchmarkDotNet.Attributes;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Microbenchmarks;

/// <summary>
/// The server's whole per-datagram path without sockets: <see cref="CoapEndpoint.OnDatagram"/>
/// parses, deduplicates, validates, rents a context, runs a synchronous handler that answers
/// from a cached payload, encodes the piggybacked 2.05, hands it to the transport and records
/// it for duplicates. Every call carries a new message ID, so each one is a new exchange.
/// Steady state must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class ServerPathBenchmarks
{
    private CoapEndpoint _endpoint = null!;
    private FakeTransport _transport = null!;
    private CoapMetrics _metrics = null!;
    private byte[] _request = null!;
    private PeerAddress _peer;
    private ushort _messageId;

    /// <summary>
    /// Entries the deduplication cache keeps. Smaller than the 65,536 message IDs, so an ID
    /// comes round again only after its entry has gone; the cache is full in steady state and
    /// every new request evicts the oldest entry, as on a busy server.
    /// </summary>
    [Params(4096)]
    public int DeduplicationCapacity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new CoapMetrics();
        _transport = new FakeTransport();
        var options = new CoapMessagingOptions { DeduplicationCapacity = DeduplicationCapacity };
        _endpoint = new CoapEndpoint(_transport, options, _metrics, NullLogger.Instance);
        _endpoint.Start(new CachedPayloadHandler());
        _request = Messages.CreateGetTime(0);
        _peer = _transport.GetPeerAddress(new IPEndPoint(IPAddress.Loopback, 40_000));

        // Fill the cache once so that measured calls see it in its steady (full) state.
        for (var i = 0; i < DeduplicationCapacity * 2; i++)
        {
            NewConfirmableRequest();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _metrics.Dispose();
    }

    /// <summary>A CON GET /time with a fresh message ID: the normal request path.</summary>
    [Benchmark(Baseline = true)]
    public int NewConfirmableRequest()
    {
        var id = ++_messageId;
        _request[2] = (byte)(id >> 8);
        _request[3] = (byte)id;
        _endpoint.OnDatagram(_request, _peer, DatagramInfo.None);
        return _transport.LastLength;
    }

    /// <summary>The same CON again: answered from the deduplication cache without the handler.</summary>
    [Benchmark]
    public int DuplicateConfirmableRequest()
    {
        _endpoint.OnDatagram(_request, _peer, DatagramInfo.None);
        return _transport.LastLength;
    }

    /// <summary>Answers every request with a cached 15-byte text payload.</summary>
    private sealed class CachedPayloadHandler : ICoapRequestHandler
    {
        private readonly ReadOnlyMemory<byte> _payload = Messages.TimePayload.ToArray();

        public ValueTask HandleAsync(CoapContext context)
        {
            context.Response.SetContentFormat(CoapContentFormat.TextPlain);
            context.Response.SetPayload(_payload);
            return ValueTask.CompletedTask;
        }
    }
}
