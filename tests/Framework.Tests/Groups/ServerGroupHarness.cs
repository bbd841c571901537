using System.Net;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Groups;

/// <summary>
/// A server endpoint on an in-memory network with a fake clock and a fixed Leisure draw. Requests are handed to
/// the endpoint as the transport would: with a multicast destination in <see cref="DatagramInfo"/> for group requests.
/// </summary>
internal sealed class ServerGroupHarness : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.2"), 40000);
    public static readonly IPAddress AllCoapNodes = IPAddress.Parse("224.0.1.187");

    private ushort _messageId = 100;

    public ServerGroupHarness(ICoapRequestHandler handler, Action<CoapGroupOptions>? configure = null, double leisureDraw = 0.5, CoapMessagingOptions? messaging = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        Options = new CoapGroupOptions();
        configure?.Invoke(Options);
        Draw = new FixedRandom(leisureDraw);
        Server = new CoapEndpoint(Network.CreateTransport(ServerAddress), messaging ?? new CoapMessagingOptions(), Metrics, NullLogger.Instance, Time)
        {
            GroupOptions = Options,
            LeisureRandom = Draw,
        };
        Server.Start(handler);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapGroupOptions Options { get; }

    public FixedRandom Draw { get; }

    public CoapMetrics Metrics { get; } = new();

    public CoapEndpoint Server { get; }

    /// <summary>What the server sent, parsed, with the time it left.</summary>
    public List<(DateTimeOffset At, IPEndPoint To, CoapMessage Message)> Sent =>
        Network.Sent.Where(d => d.From.Equals(ServerAddress)).Select(d => (d.SentAt, d.To, d.Parse())).ToList();

    /// <summary>A NON GET (or the given method) with a fresh message ID and token.</summary>
    public CoapMessage Request(string path, CoapCode? method = null, CoapMessageType type = CoapMessageType.NonConfirmable)
    {
        var id = _messageId++;
        var message = new CoapMessage { Type = type, Code = method ?? CoapCode.Get, MessageId = id, Token = new byte[] { (byte)id, 0xAB } };
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            message.Options.Add(CoapOptionNumber.UriPath, segment);
        }

        return message;
    }

    /// <summary>Gives the server an observer list on the harness's clock.</summary>
    public CoapObservations Observe(CoapObservationOptions? options = null)
    {
        var observations = new CoapObservations(options ?? new CoapObservationOptions(), Time);
        observations.Attach(NullLogger.Instance, Metrics);
        Server.Observations = observations;
        return observations;
    }

    /// <summary>A GET that registers an observation (Observe: 0).</summary>
    public CoapMessage Registration(string path)
    {
        var message = Request(path);
        message.Options.Add(CoapOptionNumber.Observe, 0u);
        return message;
    }

    /// <summary>Delivers a datagram as received on a group address.</summary>
    public void SendMulticast(CoapMessage message, IPAddress? group = null) => SendMulticast(message.ToArray(), group);

    public void SendMulticast(byte[] datagram, IPAddress? group = null) =>
        Server.OnDatagram(datagram, PeerAddress.FromEndPoint(ClientAddress), new DatagramInfo(group ?? AllCoapNodes, 1));

    /// <summary>Delivers a datagram as received on the server's unicast address.</summary>
    public void SendUnicast(CoapMessage message) => Network.Inject(ClientAddress, ServerAddress, message.ToArray());

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Metrics.Dispose();
    }

    /// <summary>A random source whose every draw is the same fraction of the range.</summary>
    internal sealed class FixedRandom(double value) : Random
    {
        public double Value { get; set; } = value;

        public override double NextDouble() => Value;
    }
}
