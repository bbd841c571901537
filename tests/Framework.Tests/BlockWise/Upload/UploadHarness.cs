using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.BlockWise.Upload;

/// <summary>
/// A <see cref="CoapClient"/> and a scripted server on an in-memory network with a fake clock. The server is a
/// raw socket: the test reads the datagrams the client sent and answers with datagrams it builds itself.
/// </summary>
internal sealed class UploadHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);

    private readonly Channel<CoapMessage> _fromClient = Channel.CreateUnbounded<CoapMessage>();
    private ushort _nextMessageId = 0x9000;

    /// <param name="blockWise">Client block-wise options.</param>
    /// <param name="seed">Seeds NON_TIMEOUT_RANDOM and the network's loss.</param>
    /// <param name="server">A scripted server that answers by itself, instead of the test reading datagrams.</param>
    /// <param name="messaging">Client messaging options (lossy tests raise MAX_RETRANSMIT).</param>
    public UploadHarness(Action<CoapBlockWiseOptions>? blockWise = null, int seed = 7, Func<UploadHarness, IDatagramReceiver>? server = null, Action<CoapMessagingOptions>? messaging = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time, seed);
        var options = new CoapBlockWiseOptions();
        blockWise?.Invoke(options);
        var messagingOptions = new CoapMessagingOptions();
        messaging?.Invoke(messagingOptions);
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), messagingOptions, new CoapMetrics(), NullLogger.Instance, Time) { BlockWise = options };
        ClientEndpoint.Start(null);
        Client = new CoapClient(ClientEndpoint) { QBlockRandom = new Random(seed) };
        Server = Network.CreateTransport(ServerAddress);
        Server.Start(server?.Invoke(this) ?? new Receiver(_fromClient.Writer));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    public InMemoryTransport Server { get; }

    public static string Uri(string path) => $"coap://10.0.0.1{path}";

    /// <summary>A body whose bytes say where they are.</summary>
    public static byte[] Body(int length)
    {
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = (byte)((i * 7) + (i >> 8));
        }

        return body;
    }

    /// <summary>The next datagram the client sent (the safety timeout is real time; nothing sleeps).</summary>
    public async Task<CoapMessage> NextFromClientAsync() =>
        await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The next <paramref name="count"/> datagrams.</summary>
    public async Task<List<CoapMessage>> NextFromClientAsync(int count)
    {
        var messages = new List<CoapMessage>();
        for (var i = 0; i < count; i++)
        {
            messages.Add(await NextFromClientAsync());
        }

        return messages;
    }

    /// <summary>Asserts the client has sent nothing more.</summary>
    public void AssertNothingFromClient()
    {
        var sent = _fromClient.Reader.TryRead(out var message);
        Assert.False(sent, $"unexpected datagram from the client: {message}");
    }

    public void Send(CoapMessage message) => Network.Inject(ServerAddress, ClientAddress, message.ToArray());

    /// <summary>
    /// Advances the clock by <paramref name="step"/>, yielding between steps, until <paramref name="task"/> completes
    /// (bounded in real time, as a safety net only: no assertion depends on wall-clock time).
    /// </summary>
    public async Task<T> RunUntilAsync<T>(Task<T> task, TimeSpan step)
    {
        var watch = Stopwatch.StartNew();
        while (!task.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            Time.Advance(step);
            await Task.Yield();
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Answers a CON request in its ACK, or a NON one with a NON on its token.</summary>
    public CoapMessage Answer(CoapMessage request, CoapCode code, Action<CoapOptionCollection>? options = null, ReadOnlyMemory<byte> payload = default)
    {
        var response = new CoapMessage
        {
            Type = request.Type == CoapMessageType.Confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable,
            MessageId = request.Type == CoapMessageType.Confirmable ? request.MessageId : _nextMessageId++,
            Token = request.Token,
            Code = code,
            Payload = payload,
        };
        options?.Invoke(response.Options);
        Send(response);
        return response;
    }

    /// <summary>Answers with the request's Block1 echoed (RFC 7959 §2.3).</summary>
    public void AnswerBlock(CoapMessage request, CoapCode code, int? sizeExponent = null)
    {
        var block = Block(request, CoapOptionNumber.Block1);
        var echoed = new CoapBlock(block.Number, block.More, sizeExponent ?? block.SizeExponent);
        Answer(request, code, o => o.Add(CoapOptionNumber.Block1, echoed.Value));
    }

    /// <summary>Sends a NON 4.08 listing missing blocks (RFC 9177 §5) on a token.</summary>
    public void SendMissing(CoapMessage onTokenOf, params int[] missing)
    {
        var payload = new byte[missing.Length * 5];
        var length = Coap.BlockWise.MissingBlocks.Write(payload, missing, out _);
        Answer(onTokenOf, CoapCode.RequestEntityIncomplete, o => o.Add(CoapOptionNumber.ContentFormat, CoapContentFormat.MissingBlocksCborSeq), payload.AsMemory(0, length));
    }

    public static CoapBlock Block(CoapMessage message, ushort option)
    {
        Assert.True(message.Options.TryGet(option, out var value), $"no option {option} in {message}");
        Assert.True(CoapBlock.TryDecode(value.Value.Span, out var block));
        return block;
    }

    public static byte[] RequestTag(CoapMessage message)
    {
        Assert.True(message.Options.TryGet(CoapOptionNumber.RequestTag, out var tag), $"no Request-Tag in {message}");
        return tag.Value.ToArray();
    }

    /// <summary>Advances the fake clock in steps, so timers that schedule further timers run too.</summary>
    public void Advance(TimeSpan total, TimeSpan? step = null)
    {
        var stepSize = step ?? TimeSpan.FromMilliseconds(100);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += stepSize)
        {
            Time.Advance(stepSize);
        }
    }

    /// <summary>Waits (real time, bounded) until the client has armed a timer beyond <paramref name="baseline"/>.</summary>
    public void WaitForTimers(int baseline) => WaitFor(() => Time.ScheduledTimerCount > baseline);

    public static void WaitFor(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "condition not met in time");
            Thread.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class Receiver(ChannelWriter<CoapMessage> writer) : IDatagramReceiver
    {
        public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info) =>
            writer.TryWrite(CoapMessage.Parse(datagram));
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to a context).</summary>
internal sealed class ProgressLog : IProgress<CoapTransferProgress>
{
    private readonly List<CoapTransferProgress> _reports = [];

    public IReadOnlyList<CoapTransferProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(CoapTransferProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
