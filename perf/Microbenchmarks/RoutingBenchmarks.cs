using System.Net;
using BenchmarkDotNet.Attributes;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Generated;
using Coap.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Microbenchmarks;

/// <summary>
/// The application model on the server path: the source-generated router
/// (<see cref="CoapGeneratedRouter"/>, compiled from <c>Controllers/BenchmarkControllers.cs</c>)
/// behind <see cref="CoapEndpoint.OnDatagram"/>, so that parsing, deduplication, routing,
/// binding, invoking a singleton action and writing its <see cref="ReadOnlyMemory{T}"/> result
/// all run, against the same path with a hand-written handler; and the router on its own, called
/// with a prepared <see cref="CoapContext"/>. Acceptance criterion: 0 B allocated per request.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int DeduplicationCapacity = 4096;

    private readonly CoapMetrics _metrics = new();
    private readonly FakeTransport _transport = new();
    private CoapEndpoint _handWritten = null!;
    private CoapEndpoint _routed = null!;
    private ServiceProvider _services = null!;
    private CoapGeneratedRouter _router = null!;
    private HandWrittenTimeHandler _handler = null!;
    private CoapContext _timeContext = null!;
    private CoapContext _itemContext = null!;
    private byte[] _getTime = null!;
    private byte[] _getClock = null!;
    private byte[] _getItem = null!;
    private PeerAddress _peer;
    private ushort _messageId;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().BuildServiceProvider();
        _router = new CoapGeneratedRouter(_services);
        var options = new CoapMessagingOptions { DeduplicationCapacity = DeduplicationCapacity };
        _handWritten = new CoapEndpoint(_transport, options, _metrics, NullLogger.Instance);
        _handler = new HandWrittenTimeHandler();
        _handWritten.Start(_handler);
        _routed = new CoapEndpoint(_transport, options, _metrics, NullLogger.Instance);
        _routed.Start(_router);
        _peer = _transport.GetPeerAddress(new IPEndPoint(IPAddress.Loopback, 40_000));
        _getTime = Messages.CreateGet(0, "time");
        _getClock = Messages.CreateGet(0, "clock");
        _getItem = Messages.CreateGet(0, "items/42");
        _timeContext = CreateContext(_getTime, _peer);
        _itemContext = CreateContext(_getItem, _peer);

        // Fill both deduplication caches, create the singletons and check every answer once.
        for (var i = 0; i < DeduplicationCapacity * 2; i++)
        {
            HandWritten();
            Check(_transport.LastCode == CoapCode.Content, "GET /time (hand-written)");
            GeneratedTime();
            Check(_transport.LastCode == CoapCode.Content, "GET /time");
            GeneratedClock();
            Check(_transport.LastCode == CoapCode.Content, "GET /clock");
            GeneratedItem();
            Check(_transport.LastCode == CoapCode.Content, "GET /items/42");
        }

        Check(HandlerTime() == Messages.TimePayload.Length && _timeContext.Response.Code == CoapCode.Content, "handler GET /time");
        Check(RouterTime() == Messages.TimePayload.Length && _timeContext.Response.Code == CoapCode.Content, "router GET /time");
        Check(RouterItem() == "item 10"u8.Length && _itemContext.Response.Code == CoapCode.Content, "router GET /items/42");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handWritten.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _routed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _services.Dispose();
        _metrics.Dispose();
    }

    /// <summary>CON GET /time to a hand-written handler that matches the path and sets a cached payload.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten() => Send(_handWritten, _getTime);

    /// <summary>CON GET /time through the generated router: <c>TimeController.Time()</c> (singleton) returns cached memory.</summary>
    [Benchmark]
    public int GeneratedTime() => Send(_routed, _getTime);

    /// <summary>CON GET /clock: the same with <c>[ContentFormat(0)]</c> and <c>[MaxAge(1)]</c> (a <see cref="CoapResult"/> and an option more).</summary>
    [Benchmark]
    public int GeneratedClock() => Send(_routed, _getClock);

    /// <summary>CON GET /items/42: matching and binding an <c>{id:int}</c> route value.</summary>
    [Benchmark]
    public int GeneratedItem() => Send(_routed, _getItem);

    /// <summary>The hand-written handler's <c>HandleAsync</c> alone for GET /time, without the endpoint: what <see cref="RouterTime"/> compares with.</summary>
    [Benchmark]
    public int HandlerTime() => Handle(_handler, _timeContext);

    /// <summary><c>router.HandleAsync</c> alone for GET /time: routing, invocation and result writing, without the endpoint.</summary>
    [Benchmark]
    public int RouterTime() => Handle(_router, _timeContext);

    /// <summary><c>router.HandleAsync</c> alone for GET /items/42.</summary>
    [Benchmark]
    public int RouterItem() => Handle(_router, _itemContext);

    private int Send(CoapEndpoint endpoint, byte[] request)
    {
        var id = ++_messageId;
        request[2] = (byte)(id >> 8);
        request[3] = (byte)id;
        endpoint.OnDatagram(request, _peer, DatagramInfo.None);
        return _transport.LastLength;
    }

    /// <summary>Runs a handler on a prepared context (reset first, as the endpoint does for each request).</summary>
    private static int Handle(ICoapRequestHandler handler, CoapContext context)
    {
        var response = context.Response;
        response.Reset();
        handler.HandleAsync(context).GetAwaiter().GetResult();
        return response.Payload.Length;
    }

    /// <summary>A context holding a request, as the endpoint prepares one (contexts are internal and pooled there).</summary>
    private static CoapContext CreateContext(byte[] datagram, PeerAddress peer)
    {
        if (CoapMessageReader.TryRead(datagram, out var view) != CoapFormatError.None)
        {
            throw new InvalidOperationException("The benchmark's request does not parse.");
        }

        var context = new CoapContext();
        context.Initialize(datagram, view, peer, DatagramInfo.None, default, CancellationToken.None);
        return context;
    }

    /// <summary>Fails the setup if a route does not answer as expected, so a broken router is not measured.</summary>
    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Unexpected answer to {what}.");
        }
    }

    /// <summary>What an application would write without controllers: match GET /time, answer from a cached payload.</summary>
    private sealed class HandWrittenTimeHandler : ICoapRequestHandler
    {
        private readonly ReadOnlyMemory<byte> _payload = Messages.TimePayload.ToArray();

        public ValueTask HandleAsync(CoapContext context)
        {
            var response = context.Response;
            if (context.Method != CoapCode.Get || context.PathSegmentCount != 1 || !context.GetPathSegment(0).SequenceEqual("time"u8))
            {
                response.Code = CoapCode.NotFound;
                return ValueTask.CompletedTask;
            }

            response.SetContentFormat(CoapContentFormat.OctetStream);
            response.SetPayload(_payload);
            return ValueTask.CompletedTask;
        }
    }
}
