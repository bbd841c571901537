using System.Net;
using System.Threading.Channels;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.BlockWise.Download;

/// <summary>
/// A <see cref="CoapClient"/> and a scripted server (a raw in-memory socket) on a fake clock: the test reads each
/// datagram the client sends and answers with datagrams it builds, so it asserts exactly what the client asks for.
/// </summary>
internal sealed class DownloadHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);

    private readonly Channel<CoapMessage> _fromClient = Channel.CreateUnbounded<CoapMessage>();
    private ushort _nextMessageId = 0x6000;

    public DownloadHarness(CoapBlockWiseOptions? blockWise = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), new CoapMessagingOptions(), new CoapMetrics(), NullLogger.Instance, Time)
        {
            BlockWise = blockWise ?? new CoapBlockWiseOptions(),
        };
        ClientEndpoint.Start(null);
        Client = new CoapClient(ClientEndpoint);
        Server = Network.CreateTransport(ServerAddress);
        Server.Start(new Receiver(_fromClient.Writer));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    public InMemoryTransport Server { get; }

    public static string Uri(string path) => $"coap://10.0.0.1{path}";

    /// <summary>A deterministic body of <paramref name="length"/> bytes.</summary>
    public static byte[] Body(int length, int seed = 0)
    {
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = (byte)((i * 31) + seed);
        }

        return body;
    }

    /// <summary>The next datagram the client sent (the safety timeout is real time; nothing sleeps).</summary>
    public async Task<CoapMessage> NextFromClientAsync() =>
        await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Advances the fake clock in 100 ms steps until the client sends something (at most <paramref name="limit"/>).</summary>
    public CoapMessage AdvanceUntilSent(TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= limit; elapsed += TimeSpan.FromMilliseconds(100))
        {
            if (_fromClient.Reader.TryRead(out var message))
            {
                return message;
            }

            Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        throw new Xunit.Sdk.XunitException($"The client sent nothing within {limit}.");
    }

    public void AssertNothingFromClient()
    {
        var sent = _fromClient.Reader.TryRead(out var message);
        Assert.False(sent, $"unexpected datagram from the client: {message}");
    }

    public void Send(CoapMessage message) => Network.Inject(ServerAddress, ClientAddress, message.ToArray());

    /// <summary>
    /// Answers a request (piggybacked) with the block of <paramref name="body"/> it asks for (its Block2, or block 0
    /// at <paramref name="sizeExponent"/>), with ETag, Size2 on block 0 and Observe when given.
    /// </summary>
    public CoapMessage AnswerBlock(CoapMessage request, byte[] body, int sizeExponent, byte[]? etag = null, bool size2 = true, uint? observe = null)
    {
        var block = request.Options.TryGet(CoapOptionNumber.Block2, out var option) && CoapBlock.TryDecode(option.Value.Span, out var asked)
            ? asked
            : new CoapBlock(0, false, sizeExponent);
        var szx = Math.Min(block.SizeExponent, sizeExponent);
        var response = Block(CoapMessageType.Acknowledgement, request.MessageId, request.Token, body, (int)(block.Offset >> (szx + 4)), szx, etag, size2, observe);
        Send(response);
        return response;
    }

    /// <summary>A notification (NON) carrying block <paramref name="number"/> of a body.</summary>
    public CoapMessage Notify(ReadOnlyMemory<byte> token, byte[] body, int number, int sizeExponent, uint observe, byte[]? etag = null)
    {
        var notification = Block(CoapMessageType.NonConfirmable, _nextMessageId++, token, body, number, sizeExponent, etag, size2: true, observe);
        Send(notification);
        return notification;
    }

    public static CoapMessage Piggybacked(CoapMessage request, CoapCode code, byte[]? payload = null) =>
        new() { Type = CoapMessageType.Acknowledgement, Code = code, MessageId = request.MessageId, Token = request.Token, Payload = payload ?? [] };

    public static CoapBlock Block2Of(CoapMessage message)
    {
        Assert.True(message.Options.TryGet(CoapOptionNumber.Block2, out var option), $"no Block2 in {message}");
        Assert.True(CoapBlock.TryDecode(option.Value.Span, out var block));
        return block;
    }

    /// <summary>Sends a NON 2.05 carrying Q-Block2 block <paramref name="number"/> of <paramref name="body"/> (1024-byte blocks unless told), Size2 and ETag on every payload (QB-32, QB-33).</summary>
    public CoapMessage SendQBlock2(ReadOnlyMemory<byte> token, byte[] body, int number, byte[] etag, uint? observe = null, int sizeExponent = 6, uint? maxAge = null)
    {
        var size = 16 << sizeExponent;
        var offset = number * size;
        var length = Math.Min(size, body.Length - offset);
        var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = _nextMessageId++, Token = token, Payload = body.AsMemory(offset, length).ToArray() };
        message.Options.Add(CoapOptionNumber.ETag, etag);
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        if (maxAge is { } seconds)
        {
            message.Options.Add(CoapOptionNumber.MaxAge, seconds);
        }

        message.Options.Add(CoapOptionNumber.Size2, (uint)body.Length);
        message.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(number, offset + length < body.Length, sizeExponent).Value);
        Send(message);
        return message;
    }

    /// <summary>The Q-Block2 options of a request, in order.</summary>
    public static CoapBlock[] QBlock2Of(CoapMessage message) =>
        [.. message.Options.GetAll(CoapOptionNumber.QBlock2).Select(o => CoapBlock.TryDecode(o.Value.Span, out var b) ? b : throw new InvalidOperationException("bad Q-Block2"))];

    /// <summary>Advances the fake clock in steps, so timers that schedule further timers run too.</summary>
    public void Advance(TimeSpan total, TimeSpan? step = null)
    {
        var stepSize = step ?? TimeSpan.FromMilliseconds(100);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += stepSize)
        {
            Time.Advance(stepSize);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static CoapMessage Block(CoapMessageType type, ushort messageId, ReadOnlyMemory<byte> token, byte[] body, int number, int sizeExponent, byte[]? etag, bool size2, uint? observe)
    {
        var size = 16 << sizeExponent;
        var offset = number * size;
        var length = Math.Max(0, Math.Min(size, body.Length - offset));
        var more = offset + length < body.Length;
        var message = new CoapMessage { Type = type, Code = CoapCode.Content, MessageId = messageId, Token = token, Payload = body.AsMemory(offset, length).ToArray() };
        if (etag is not null)
        {
            message.Options.Add(CoapOptionNumber.ETag, etag);
        }

        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        message.Options.Add(CoapOptionNumber.ContentFormat, CoapContentFormat.OctetStream);
        message.Options.Add(CoapOptionNumber.Block2, new CoapBlock(number, more, sizeExponent).Value);
        if (size2 && number == 0)
        {
            message.Options.Add(CoapOptionNumber.Size2, (uint)body.Length);
        }

        return message;
    }

    private sealed class Receiver(ChannelWriter<CoapMessage> writer) : IDatagramReceiver
    {
        public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info) =>
            writer.TryWrite(CoapMessage.Parse(datagram));
    }
}

/// <summary>Records progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class ProgressLog : IProgress<CoapTransferProgress>
{
    public List<CoapTransferProgress> Reports { get; } = [];

    public void Report(CoapTransferProgress value)
    {
        lock (Reports)
        {
            Reports.Add(value);
        }
    }
}
