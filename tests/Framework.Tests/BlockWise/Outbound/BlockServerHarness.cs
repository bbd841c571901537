using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.BlockWise.Outbound;

/// <summary>
/// A server endpoint over the in-memory network with a fake clock, answering a scripted raw client
/// (hand-made datagrams, every reply recorded). Resources: "/big" (a deterministic body referenced with
/// SetPayload), "/written" (the same body written through BodyWriter), "/small" (40 bytes). Each counts its calls.
/// </summary>
internal sealed class BlockServerHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.3"), 40001);

    private ushort _nextMessageId = 0x2000;
    private int _calls;

    public BlockServerHarness(int bodyLength = 3000, Action<CoapBlockWiseOptions>? blockWise = null, Action<CoapMessagingOptions>? messaging = null, CoapObservations? observations = null, FakeTimeProvider? time = null, bool qblock = false)
    {
        Time = time ?? new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        var options = new CoapBlockWiseOptions();
        options.QBlock.Enabled = qblock;
        options.QBlock.AllowNoSec = qblock;
        blockWise?.Invoke(options);
        options.Validate();
        var messagingOptions = new CoapMessagingOptions();
        messaging?.Invoke(messagingOptions);
        Body = MakeBody(bodyLength);
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), messagingOptions, new CoapMetrics(), NullLogger.Instance, Time)
        {
            BlockWise = options,
            Observations = observations,
        };
        if (qblock)
        {
            // Until the request side's SupportedOptions change lands: the endpoint recognises 19 and 31 when Q-Block is on.
            Server.SupportedOptions.Add(CoapOptionNumber.QBlock1);
            Server.SupportedOptions.Add(CoapOptionNumber.QBlock2);
            Server.QBlockRandom = new Random(9177);
        }

        Server.Start(DelegateHandler.Sync(Handle));
        Client = Network.CreateTransport(ClientAddress);
        Client.Start(new Recorder(Received));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapEndpoint Server { get; }

    public InMemoryTransport Client { get; }

    /// <summary>The representation of "/big" and "/written"; tests may replace it.</summary>
    public byte[] Body { get; set; }

    /// <summary>An ETag the handler sets, or null to let the server generate one.</summary>
    public byte[]? HandlerETag { get; set; }

    public List<CoapMessage> Received { get; } = [];

    /// <summary>How many times a resource handler ran.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static byte[] MakeBody(int length)
    {
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = (byte)((i * 31) + (i >> 8));
        }

        return body;
    }

    /// <summary>Sends a GET and returns the one response it produced (synchronous delivery).</summary>
    public CoapMessage Get(string path, CoapBlock? block2 = null, bool size2 = false, uint? observe = null, byte token = 0x42,
        CoapMessageType type = CoapMessageType.Confirmable, string? query = null)
    {
        var before = Count;
        Send(Request(path, block2, size2, observe, token, type, query));
        var replies = Since(before);
        Assert.Single(replies);
        return replies[0];
    }

    public CoapMessage Request(string path, CoapBlock? block2 = null, bool size2 = false, uint? observe = null, byte token = 0x42,
        CoapMessageType type = CoapMessageType.Confirmable, string? query = null)
    {
        var message = new CoapMessage { Type = type, Code = CoapCode.Get, MessageId = _nextMessageId++, Token = new[] { token } };
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        message.Options.Add(CoapOptionNumber.UriPath, path);
        if (query is not null)
        {
            message.Options.Add(CoapOptionNumber.UriQuery, query);
        }

        if (block2 is { } block)
        {
            message.Options.Add(CoapOptionNumber.Block2, block.Value);
        }

        if (size2)
        {
            message.Options.Add(CoapOptionNumber.Size2, 0u);
        }

        return message;
    }

    /// <summary>A request with any number of Q-Block2 options (NUM/M/SZX), for the worked examples.</summary>
    public CoapMessage QRequest(string path, byte token, CoapMessageType type, uint? observe, params CoapBlock[] qblock2)
    {
        var message = new CoapMessage { Type = type, Code = CoapCode.Get, MessageId = _nextMessageId++, Token = new[] { token } };
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        message.Options.Add(CoapOptionNumber.UriPath, path);
        foreach (var block in qblock2)
        {
            message.Options.Add(CoapOptionNumber.QBlock2, block.Value);
        }

        return message;
    }

    /// <summary>Sends and returns what the client received because of it (synchronous delivery).</summary>
    public List<CoapMessage> Exchange(CoapMessage message)
    {
        var before = Count;
        Send(message);
        return Since(before);
    }

    public void Send(CoapMessage message) => Network.Inject(ClientAddress, ServerAddress, message.ToArray());

    public int Count
    {
        get
        {
            lock (Received)
            {
                return Received.Count;
            }
        }
    }

    public List<CoapMessage> Since(int index)
    {
        lock (Received)
        {
            return Received.Skip(index).ToList();
        }
    }

    public static CoapBlock BlockOf(CoapMessage message, int number = CoapOptionNumber.Block2)
    {
        Assert.True(message.Options.TryGet(number, out var option), $"option {number} missing");
        Assert.True(CoapBlock.TryDecode(option.Value.Span, out var block));
        return block;
    }

    public static byte[] ETagOf(CoapMessage message)
    {
        Assert.True(message.Options.TryGet(CoapOptionNumber.ETag, out var option), "ETag missing");
        return option.Value.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
    }

    private void Handle(CoapContext context)
    {
        var path = context.GetPath();
        if (path.StartsWith("/temp", StringComparison.Ordinal) && !context.EnableObserve())
        {
            return;
        }

        Interlocked.Increment(ref _calls);
        var response = context.Response;
        response.SetContentFormat(CoapContentFormat.OctetStream);
        if (HandlerETag is { } etag)
        {
            response.AddOption(CoapOptionNumber.ETag, etag);
        }

        switch (path)
        {
            case "/big":
            case "/temp":
                response.SetPayload(Body);
                break;
            case "/written":
                var writer = response.BodyWriter;
                var remaining = Body.AsSpan();
                while (!remaining.IsEmpty)
                {
                    var span = writer.GetSpan(100);
                    var chunk = Math.Min(span.Length, Math.Min(remaining.Length, 700));
                    remaining[..chunk].CopyTo(span);
                    writer.Advance(chunk);
                    remaining = remaining[chunk..];
                }

                writer.Complete();
                break;
            case "/small":
                response.SetPayload(Body.AsMemory(0, 40));
                break;
            default:
                response.Code = CoapCode.NotFound;
                break;
        }
    }

    private sealed class Recorder(List<CoapMessage> received) : Transport.IDatagramReceiver
    {
        public void OnDatagram(ReadOnlySpan<byte> datagram, in Transport.PeerAddress remote, in Transport.DatagramInfo info)
        {
            lock (received)
            {
                received.Add(CoapMessage.Parse(datagram));
            }
        }
    }
}
