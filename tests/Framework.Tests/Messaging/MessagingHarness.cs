using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Messaging;

/// <summary>A server endpoint and a client endpoint on an in-memory network with a fake clock.</summary>
internal sealed class MessagingHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);
    public static readonly IPEndPoint RawPeerAddress = new(IPAddress.Parse("10.0.0.3"), 40001);

    public MessagingHarness(ICoapRequestHandler handler, Action<CoapMessagingOptions>? configure = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        Options = new CoapMessagingOptions();
        configure?.Invoke(Options);
        Handler = handler;
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), Options, new CoapMetrics(), NullLogger.Instance, Time);
        Server.Start(handler);
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), Options, new CoapMetrics(), NullLogger.Instance, Time);
        ClientEndpoint.Start(null);
        Client = new CoapClient(ClientEndpoint);
        RawPeer = Network.CreateTransport(RawPeerAddress);
        RawPeer.Start(new RecordingReceiver(RawReceived));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapMessagingOptions Options { get; }

    public ICoapRequestHandler Handler { get; }

    public CoapEndpoint Server { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    public InMemoryTransport RawPeer { get; }

    /// <summary>What the raw peer received.</summary>
    public List<CoapMessage> RawReceived { get; } = [];

    public string ServerUri(string path = "/") => $"coap://10.0.0.1{path}";

    /// <summary>Sends raw bytes from the raw peer to the server.</summary>
    public void SendRaw(params byte[] bytes) => Network.Inject(RawPeerAddress, ServerAddress, bytes);

    public void SendRaw(CoapMessage message) => SendRaw(message.ToArray());

    /// <summary>Datagrams sent from one address to another, parsed.</summary>
    public List<(DateTimeOffset At, CoapMessage Message)> Between(IPEndPoint from, IPEndPoint to) =>
        Network.Sent.Where(d => d.From.Equals(from) && d.To.Equals(to)).Select(d => (d.SentAt, d.Parse())).ToList();

    /// <summary>Advances the clock in steps so timers that schedule further timers all run.</summary>
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
        await RawPeer.DisposeAsync();
    }

    private sealed class RecordingReceiver(List<CoapMessage> received) : Transport.IDatagramReceiver
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
