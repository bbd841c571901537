using System.Net;
using System.Threading.Channels;
using Coap.Diagnostics;
using Coap.Endpoint;
using Coap.TestUtilities;
using Coap.Transport;
using Coap.Transport.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coap.Tests.Groups;

/// <summary>
/// A <see cref="CoapClient"/> and three scripted group members on an in-memory network with a fake clock. The group
/// address is a socket of its own that records what the client multicasts; the test then answers from each member's
/// unicast address with datagrams it builds, as the members would after their Leisure. No real multicast is sent.
/// </summary>
internal sealed class GroupHarness : IAsyncDisposable
{
    public static readonly IPEndPoint GroupAddress = new(IPAddress.Parse("224.0.1.187"), 5683);
    public static readonly IPEndPoint ClientAddress = new(IPAddress.Parse("10.0.0.100"), 40000);
    public static readonly IPEndPoint[] Servers =
    [
        new(IPAddress.Parse("10.0.0.1"), 5683),
        new(IPAddress.Parse("10.0.0.2"), 5683),
        new(IPAddress.Parse("10.0.0.3"), 5683),
    ];

    private readonly Channel<CoapMessage> _atGroup = Channel.CreateUnbounded<CoapMessage>();
    private readonly Channel<CoapMessage>[] _atServer = [Channel.CreateUnbounded<CoapMessage>(), Channel.CreateUnbounded<CoapMessage>(), Channel.CreateUnbounded<CoapMessage>()];
    private readonly List<InMemoryTransport> _hosts = [];
    private readonly MeterCounts _counts;
    private ushort _nextMessageId = 0x5000;

    public GroupHarness(CoapClientOptions? options = null)
    {
        Time = new FakeTimeProvider();
        Network = new InMemoryNetwork(Time);
        Metrics = new CoapMetrics();
        ClientEndpoint = new CoapEndpoint(Network.CreateTransport(ClientAddress), options?.Messaging ?? new CoapMessagingOptions(), Metrics, NullLogger.Instance, Time);
        ClientEndpoint.Start(null);
        Client = new CoapClient(ClientEndpoint, options);
        var group = Network.CreateTransport(GroupAddress);
        group.Start(new Receiver(_atGroup.Writer));
        _hosts.Add(group);
        for (var i = 0; i < Servers.Length; i++)
        {
            var server = Network.CreateTransport(Servers[i]);
            server.Start(new Receiver(_atServer[i].Writer));
            _hosts.Add(server);
        }

        _counts = new MeterCounts(Metrics.Meter);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryNetwork Network { get; }

    public CoapMetrics Metrics { get; }

    public CoapEndpoint ClientEndpoint { get; }

    public CoapClient Client { get; }

    public static string Uri(string path) => $"coap://224.0.1.187{path}";

    /// <summary>A counter's total, e.g. <c>coap.group.responses.dropped[late]</c>.</summary>
    public long Count(string name) => _counts[name];

    /// <summary>The next datagram the client multicast to the group (the safety timeout is real time; nothing sleeps).</summary>
    public async Task<CoapMessage> NextAtGroupAsync() =>
        await _atGroup.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The next datagram the client sent to server <paramref name="index"/> by unicast.</summary>
    public async Task<CoapMessage> NextAtServerAsync(int index) =>
        await _atServer[index].Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Whatever the client sent to server <paramref name="index"/> so far.</summary>
    public List<CoapMessage> DrainServer(int index)
    {
        var messages = new List<CoapMessage>();
        while (_atServer[index].Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>A response to <paramref name="request"/> from a member, with a fresh message ID.</summary>
    public CoapMessage Response(CoapMessage request, string payload, CoapMessageType type = CoapMessageType.NonConfirmable, CoapCode? code = null) =>
        new()
        {
            Type = type,
            Code = code ?? CoapCode.Content,
            MessageId = _nextMessageId++,
            Token = request.Token,
            Payload = System.Text.Encoding.UTF8.GetBytes(payload),
        };

    /// <summary>Sends a datagram from server <paramref name="index"/> (or any endpoint) to the client.</summary>
    public void Send(int index, CoapMessage message) => Network.Inject(Servers[index], ClientAddress, message.ToArray());

    public void Send(IPEndPoint from, CoapMessage message) => Network.Inject(from, ClientAddress, message.ToArray());

    /// <summary>Collects what a group request yields until it ends.</summary>
    public static async Task<List<CoapResponse>> CollectAsync(IAsyncEnumerable<CoapResponse> responses)
    {
        var list = new List<CoapResponse>();
        await foreach (var response in responses)
        {
            list.Add(response);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        _counts.Dispose();
        await Client.DisposeAsync();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Metrics.Dispose();
    }

    private sealed class Receiver(ChannelWriter<CoapMessage> writer) : IDatagramReceiver
    {
        public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info) =>
            writer.TryWrite(CoapMessage.Parse(datagram));
    }
}
