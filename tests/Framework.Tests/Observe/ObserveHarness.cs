using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Observe;

/// <summary>
/// A server endpoint with an observer list, a raw client that registers with hand-made
/// datagrams, and a fake clock. The observed resource "/temp" answers the current
/// <see cref="Value"/> as text; it counts its renderings.
/// </summary>
internal sealed class ObserveHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.3"), 40001);

    private ushort _nextMessageId = 0x1000;

    public ObserveHarness(Action<CoapObservationOptions>? configure = null, Action<CoapMessagingOptions>? messaging = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        var options = new CoapObservationOptions();
        configure?.Invoke(options);
        var messagingOptions = new CoapMessagingOptions();
        messaging?.Invoke(messagingOptions);
        Observations = new CoapObservations(options, Time);
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), messagingOptions, new CoapMetrics(), NullLogger.Instance, Time) { Observations = Observations };
        Server.Start(DelegateHandler.Sync(Handle));
        Client = Network.CreateTransport(ClientAddress);
        Client.Start(new Recorder(Received));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapObservations Observations { get; }

    public CoapEndpoint Server { get; }

    public InMemoryTransport Client { get; }

    /// <summary>Everything the raw client received, parsed.</summary>
    public List<CoapMessage> Received { get; } = [];

    /// <summary>The resource's current value.</summary>
    public string Value { get; set; } = "18.5";

    /// <summary>The code the resource answers with.</summary>
    public CoapCode Code { get; set; } = CoapCode.Content;

    /// <summary>How many times the resource handler ran for notifications.</summary>
    public int Renderings => Volatile.Read(ref _renderings);

    private int _renderings;

    public List<CoapMessage> Notifications(byte token) => Snapshot().Where(m => m.Token.Length == 1 && m.Token.Span[0] == token && m.Type != CoapMessageType.Acknowledgement).ToList();

    public List<CoapMessage> Snapshot()
    {
        lock (Received)
        {
            return [.. Received];
        }
    }

    /// <summary>Sends GET /temp (or FETCH) with the given token, Observe value and query.</summary>
    public ushort Register(byte token, uint? observe = 0, CoapMessageType type = CoapMessageType.Confirmable, CoapCode? method = null, string path = "temp", params string[] query)
    {
        var message = new CoapMessage { Type = type, Code = method ?? CoapCode.Get, MessageId = _nextMessageId++, Token = new[] { token } };
        if (observe is { } value)
        {
            message.Options.Add(CoapOptionNumber.Observe, value);
        }

        message.Options.Add(CoapOptionNumber.UriPath, path);
        foreach (var item in query)
        {
            message.Options.Add(CoapOptionNumber.UriQuery, item);
        }

        if (method == CoapCode.Fetch)
        {
            message.Payload = Encoding.UTF8.GetBytes("filter");
        }

        Send(message);
        return message.MessageId;
    }

    public void Send(CoapMessage message) => Network.Inject(ClientAddress, ServerAddress, message.ToArray());

    /// <summary>Acknowledges or resets a message the client received.</summary>
    public void Reply(CoapMessage received, CoapMessageType type) =>
        Send(new CoapMessage { Type = type, Code = CoapCode.Empty, MessageId = received.MessageId });

    /// <summary>Changes the value and signals it, then waits until the background rendering finished.</summary>
    public void Change(string value)
    {
        var before = Observations.CompletedRenderings;
        Value = value;
        Observations.Notify("/temp");
        WaitFor(() => Observations.CompletedRenderings > before);
    }

    /// <summary>Waits for work the observer list does on the thread pool (no clock involved).</summary>
    public static void WaitFor(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The condition did not hold within 10 s.");
            }

            Thread.Sleep(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
    }

    private void Handle(CoapContext context)
    {
        if (!context.EnableObserve())
        {
            return;
        }

        context.Response.Code = Code;
        context.Response.SetContentFormat(CoapContentFormat.TextPlain);
        context.Response.WritePayload(Value.AsSpan());
        if (context.IsNotification)
        {
            Interlocked.Increment(ref _renderings);
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

    public static string Text(CoapMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    public static uint? ObserveOf(CoapMessage message) => message.Options.GetUInt(CoapOptionNumber.Observe);

    public static string Seconds(double value) => value.ToString(CultureInfo.InvariantCulture);
}
