using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.Routing;
using Coap.TestUtilities;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.BlockWise.Inbound;

/// <summary>
/// A server endpoint over the in-memory network with a fake clock, and a scripted raw client that
/// sends hand-made blocks. The handler stores every body it is given (read through
/// <see cref="CoapContext.BodyReader"/> and checked against <see cref="CoapContext.Payload"/>) and counts its runs.
/// </summary>
internal sealed class InboundHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.7"), 40007);

    private ushort _nextMessageId = 0x2000;

    public InboundHarness(Action<CoapBlockWiseOptions>? configure = null, ICoapTransferPolicy? policy = null, Action<CoapMessagingOptions>? messaging = null, bool observable = false)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        BlockWise = new CoapBlockWiseOptions();
        configure?.Invoke(BlockWise);
        BlockWise.Validate();
        var messagingOptions = new CoapMessagingOptions();
        messaging?.Invoke(messagingOptions);
        Handler = DelegateHandler.Sync(c =>
        {
            try
            {
                Handle(c);
            }
            catch (Exception ex)
            {
                Failure = ex;
                throw;
            }
        });
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), messagingOptions, Metrics, NullLogger.Instance, Time)
        {
            BlockWise = BlockWise,
            TransferPolicy = policy,
            Observations = observable ? Observations = new CoapObservations(null, Time) : null,
        };
        Server.Start(Handler);
        Client = Network.CreateTransport(ClientAddress);
        Client.Start(new Recorder(Received));
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The server endpoint's counters (its own meter instance).</summary>
    public CoapMetrics Metrics { get; } = new();

    public InMemoryNetwork Network { get; }

    public CoapBlockWiseOptions BlockWise { get; }

    public CoapEndpoint Server { get; }

    /// <summary>The observer list, when the harness was made observable (the handler then accepts registrations).</summary>
    public CoapObservations? Observations { get; }

    public InMemoryTransport Client { get; }

    public DelegateHandler Handler { get; }

    /// <summary>The last exception the handler threw (an assertion about the body it was given).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>How many times the action ran.</summary>
    public int Calls => Handler.Calls;

    /// <summary>The bodies the handler was given, in order.</summary>
    public List<byte[]> Bodies { get; } = [];

    /// <summary>The tokens of the requests the handler ran for.</summary>
    public List<byte[]> HandledTokens { get; } = [];

    /// <summary>Everything the raw client received, parsed.</summary>
    public List<CoapMessage> Received { get; } = [];

    public static byte[] Body(int length)
    {
        var body = new byte[length];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (byte)((i * 7) + (i >> 8));
        }

        return body;
    }

    /// <summary>Sends one block of <paramref name="body"/>: NUM <paramref name="number"/> of size 2^(szx+4), M set unless it is the last.</summary>
    public ushort SendBlock(
        byte[] body,
        int number,
        int szx,
        int option = CoapOptionNumber.Block1,
        CoapMessageType type = CoapMessageType.Confirmable,
        CoapCode? method = null,
        byte[]? token = null,
        byte[]? requestTag = null,
        bool size1 = false,
        string path = "upload",
        uint? observe = null,
        ushort? messageId = null)
    {
        var size = 16 << szx;
        var offset = number * size;
        var length = Math.Max(0, Math.Min(size, body.Length - offset));
        var more = offset + length < body.Length;
        var message = new CoapMessage
        {
            Type = type,
            Code = method ?? CoapCode.Put,
            MessageId = messageId ?? _nextMessageId++,
            Token = token ?? [(byte)number, 0xB1],
            Payload = body.AsMemory(Math.Min(offset, body.Length), length),
        };
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        message.Options.Add(CoapOptionNumber.UriPath, path);
        message.Options.Add(option, new CoapBlock(number, more, szx).Value);
        if (requestTag is not null)
        {
            message.Options.Add(CoapOptionNumber.RequestTag, requestTag);
        }

        if (size1)
        {
            message.Options.Add(CoapOptionNumber.Size1, (uint)body.Length);
        }

        Send(message);
        return message.MessageId;
    }

    public ushort NextMessageId() => _nextMessageId++;

    public void Send(CoapMessage message) => Network.Inject(ClientAddress, ServerAddress, message.ToArray());

    /// <summary>Everything received since the last call.</summary>
    public List<CoapMessage> Take()
    {
        lock (Received)
        {
            var list = Received.ToList();
            Received.Clear();
            return list;
        }
    }

    public static CoapBlock BlockOf(CoapMessage message, int option = CoapOptionNumber.Block1)
    {
        Assert.True(message.Options.TryGet(option, out var value), $"option {option} expected");
        Assert.True(CoapBlock.TryDecode(value.Value.Span, out var block));
        return block;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
    }

    private void Handle(CoapContext context)
    {
        if (Observations is not null && !context.EnableObserve())
        {
            return;
        }

        if (context.IsNotification)
        {
            context.Response.Code = CoapCode.Content;
            return;
        }

        var read = ReadAll(context.BodyReader);
        Assert.Equal(context.Payload.ToArray(), read);
        Assert.Equal(read.Length, context.BodyLength);
        lock (Bodies)
        {
            Bodies.Add(read);
            HandledTokens.Add(context.Token.ToArray());
        }

        context.Response.Code = context.Method == CoapCode.Fetch ? CoapCode.Content : CoapCode.Changed;
    }

    private static byte[] ReadAll(PipeReader reader)
    {
        var output = new ArrayBufferWriter<byte>();
        while (true)
        {
            var pending = reader.ReadAsync();
            Assert.True(pending.IsCompleted, "the body is all there before the handler runs");
            var result = pending.Result;
            foreach (var segment in result.Buffer)
            {
                output.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return output.WrittenSpan.ToArray();
            }
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

/// <summary>A transfer policy as the generated router would give: [QBlock] on the paths listed.</summary>
internal sealed class QBlockRoutes(params string[] paths) : ICoapTransferPolicy
{
    public QBlockAttribute Attribute { get; } = new() { AllowNoSec = true };

    public bool HasQBlockRoutes => paths.Length > 0;

    public QBlockAttribute? FindQBlock(CoapContext context) => paths.Contains(context.GetPath()) ? Attribute : null;
}
