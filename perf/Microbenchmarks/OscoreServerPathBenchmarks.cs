using System.Net;
using BenchmarkDotNet.Attributes;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Security.Oscore;
using Coap.Security.Oscore.Runtime;
using Coap.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Microbenchmarks;

/// <summary>
/// The server path of <see cref="ServerPathBenchmarks"/> with OSCORE: <see cref="CoapEndpoint.OnDatagram"/>
/// gets a protected CON GET /time (the RFC 8613 C.1 context, configured as <c>Coap:Security</c> would be),
/// verifies it, runs the same cached-payload handler and protects the 2.05. The server's replay window
/// needs a new Partial IV every time, so <see cref="ProtectedRequest"/> protects each request first (the
/// client's work, through the message layer); <see cref="ClientProtectOnly"/> is that part alone, and the
/// server's share is the difference. <see cref="PlainRequest"/> is the same request unprotected, on an
/// endpoint without OSCORE.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RawAllocationConfig))]
public class OscoreServerPathBenchmarks
{
    private const int DeduplicationCapacity = 4096;
    private readonly PeerAddress _peer = PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 40_000));
    private CoapEndpoint _protectedEndpoint = null!;
    private CoapEndpoint _plainEndpoint = null!;
    private FakeTransport _protectedTransport = null!;
    private FakeTransport _plainTransport = null!;
    private CoapMetrics _metrics = null!;
    private OscoreLayer _layer = null!;
    private OscoreSecurityContext _client = null!;
    private OscoreProtector _clientProtector = null!;
    private CoapMessage _request = null!;
    private byte[] _plainRequest = null!;
    private byte[] _datagram = null!;
    private ushort _messageId;

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new CoapMetrics();
        var security = new CoapSecurityOptions();
        security.Contexts.Add(new CoapOscoreContextOptions
        {
            Name = "c1",
            MasterSecret = "0102030405060708090a0b0c0d0e0f10",
            MasterSalt = "9e7ca92223786340",
            SenderId = "01",
            RecipientId = "",
        });
        _layer = OscoreLayer.Create(security, TimeProvider.System, NullLogger.Instance, _metrics)
            ?? throw new InvalidOperationException("No OSCORE context was configured.");
        var messaging = new CoapMessagingOptions { DeduplicationCapacity = DeduplicationCapacity };
        _protectedTransport = new FakeTransport();
        _protectedEndpoint = new CoapEndpoint(_protectedTransport, messaging, _metrics, NullLogger.Instance) { Oscore = _layer };
        _protectedEndpoint.Start(new CachedPayloadHandler());
        _plainTransport = new FakeTransport();
        _plainEndpoint = new CoapEndpoint(_plainTransport, messaging, _metrics, NullLogger.Instance);
        _plainEndpoint.Start(new CachedPayloadHandler());

        _client = OscoreMessages.C1(client: true);
        _clientProtector = new OscoreProtector();
        _request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, Token = Messages.Token.ToArray() };
        _request.Options.Add(CoapOptionNumber.UriPath, "time");
        _plainRequest = Messages.CreateGetTime(0);
        _datagram = new byte[256];

        // Fill the deduplication cache once, as ServerPathBenchmarks does, and check that the answer is a protected 2.04.
        for (var i = 0; i < DeduplicationCapacity * 2; i++)
        {
            ProtectedRequest();
            PlainRequest();
        }

        if (_protectedTransport.LastCode != CoapCode.Changed || _plainTransport.LastCode != CoapCode.Content)
        {
            throw new InvalidOperationException($"Unexpected answers: protected {_protectedTransport.LastCode}, plain {_plainTransport.LastCode}.");
        }

        Console.WriteLine($"// OscoreServerPath protected request {ClientProtectOnly()} B, protected response {_protectedTransport.LastLength} B");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _protectedEndpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _plainEndpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _layer.Dispose();
        _client.Dispose();
        _metrics.Dispose();
    }

    /// <summary>CON GET /time, unprotected, on an endpoint without OSCORE (as <see cref="ServerPathBenchmarks"/>).</summary>
    [Benchmark(Baseline = true)]
    public int PlainRequest()
    {
        var id = ++_messageId;
        _plainRequest[2] = (byte)(id >> 8);
        _plainRequest[3] = (byte)id;
        _plainEndpoint.OnDatagram(_plainRequest, _peer, DatagramInfo.None);
        return _plainTransport.LastLength;
    }

    /// <summary>The client's part: protect the GET with the next Partial IV and encode it.</summary>
    [Benchmark]
    public int ClientProtectOnly()
    {
        _request.MessageId = ++_messageId;
        _clientProtector.ProtectRequest(_client, _request, out var outer, out _);
        return outer!.Encode(_datagram);
    }

    /// <summary>The client's part, then the server's: verify, serve, protect the 2.05, send.</summary>
    [Benchmark]
    public int ProtectedRequest()
    {
        var length = ClientProtectOnly();
        _protectedEndpoint.OnDatagram(_datagram.AsSpan(0, length), _peer, DatagramInfo.None);
        return _protectedTransport.LastLength;
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
