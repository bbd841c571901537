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
