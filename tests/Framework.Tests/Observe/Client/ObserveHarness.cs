using System.Net;
using System.Threading.Channels;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Observe.Client;

/// <summary>
/// A <see cref="CoapClient"/> and a hand-written observe server on an in-memory network with a fake
/// clock. The server is a raw socket: the test reads what the client sent and answers with datagrams
/// it builds itself. Delivery is synchronous, so whatever the client sends in reaction to a datagram
/// or a timer is queued for <see cref="NextFromClientAsync"/> when <see cref="Send"/> or <see cref="Advance"/> returns.
/// </summary>
internal sealed class ObserveHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);
    public static readonly IPEndPoint StrangerAddress = new(IPAddress.Parse("10.0.0.9"), 5683);

    private readonly Channel<CoapMessage> _fromClient = Channel.CreateUnbounded<CoapMessage>();
    private ushort _nextMessageId = 0x4000;

    public ObserveHarness(CoapClientOptions? clientOptions = null, Action<CoapMessagingOptions>? configure = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        var messaging = new CoapMessagingOptions();
        configure?.Invoke(messaging);
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), messaging, new CoapMetrics(), NullLogger.Instance, Time);
        ClientEndpoint.Start(null);
        Client = new CoapClient(ClientEndpoint, clientOptions);
        Server = Network.CreateTransport(ServerAddress);
        Server.Start(new Receiver(_fromClient.Writer));
        Stranger = Network.CreateTransport(StrangerAddress);
        Stranger.Start(new Receiver(StrangerReceived.Writer));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    /// <summary>The fake observe server's socket.</summary>
    public InMemoryTransport Server { get; }

    /// <summary>Another host, for notifications from the wrong peer.</summary>
    public InMemoryTransport Stranger { get; }

    /// <summary>What the client sent to the stranger.</summary>
    public Channel<CoapMessage> StrangerReceived { get; } = Channel.CreateUnbounded<CoapMessage>();

    public static string Uri(string pathAndQuery) => $"coap://10.0.0.1{pathAndQuery}";

    /// <summary>The next datagram the client sent to the server (the safety timeout is real time; nothing sleeps).</summary>
    public async Task<CoapMessage> NextFromClientAsync() =>
        await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Asserts the client sent nothing more to the server.</summary>
    public void AssertNothingFromClient()
    {
        var sent = _fromClient.Reader.TryRead(out var message);
        Assert.False(sent, $"unexpected datagram from the client: {message}");
    }

    /// <summary>Sends a datagram from the server (or the given host) to the client.</summary>
    public void Send(CoapMessage message, IPEndPoint? from = null) => Network.Inject(from ?? ServerAddress, ClientAddress, message.ToArray());

    /// <summary>A piggybacked response to a request: ACK with its message ID and token.</summary>
    public static CoapMessage Piggybacked(CoapMessage request, CoapCode code, uint? observe, uint? maxAge = null, string payload = "") =>
        Response(CoapMessageType.Acknowledgement, request.MessageId, request.Token, code, observe, maxAge, payload);

    /// <summary>A notification (a separate CON or NON response) with a fresh message ID.</summary>
    public CoapMessage Notification(ReadOnlyMemory<byte> token, uint? observe, CoapMessageType type = CoapMessageType.NonConfirmable, CoapCode? code = null, uint? maxAge = null, string payload = "") =>
        Response(type, _nextMessageId++, token, code ?? CoapCode.Content, observe, maxAge, payload);

    /// <summary>Sends a notification and returns it.</summary>
    public CoapMessage Notify(ReadOnlyMemory<byte> token, uint? observe, CoapMessageType type = CoapMessageType.NonConfirmable, CoapCode? code = null, uint? maxAge = null)
    {
        var notification = Notification(token, observe, type, code, maxAge, payload: observe?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Send(notification);
        return notification;
    }

    /// <summary>Starts observing: the registration is sent when enumeration starts, then answered with 2.05 and <paramref name="observe"/>.</summary>
    public async Task<(IAsyncEnumerator<CoapResponse> Enumerator, CoapMessage Registration)> EstablishAsync(
        string pathAndQuery = "/temp",
        CoapObserveOptions? options = null,
        uint observe = 1,
        uint? maxAge = null,
        CancellationToken cancellationToken = default)
    {
        var enumerator = Client.ObserveAsync(Uri(pathAndQuery), options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var first = enumerator.MoveNextAsync();
        var registration = await NextFromClientAsync();
        Send(Piggybacked(registration, CoapCode.Content, observe, maxAge, payload: "registered"));
        Assert.True(await first.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(observe, enumerator.Current.Observe);
        return (enumerator, registration);
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

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await Stranger.DisposeAsync();
    }

    private static CoapMessage Response(CoapMessageType type, ushort messageId, ReadOnlyMemory<byte> token, CoapCode code, uint? observe, uint? maxAge, string payload)
    {
        var message = new CoapMessage { Type = type, Code = code, MessageId = messageId, Token = token, Payload = System.Text.Encoding.UTF8.GetBytes(payload) };
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        if (maxAge is { } seconds)
        {
            message.Options.Add(CoapOptionNumber.MaxAge, seconds);
        }

        return message;
    }

    private sealed class Receiver(ChannelWriter<CoapMessage> writer) : IDatagramReceiver
    {
        public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info) =>
            writer.TryWrite(CoapMessage.Parse(datagram));
    }
}
