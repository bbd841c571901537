using System.Net;
using System.Net.Sockets;
using Coap.TestUtilities;

namespace Coap.Interop.Tests.Relay;

/// <summary>
/// The lossy relay used by the block-wise and Q-Block tests over real UDP: it forwards both ways,
/// keeps clients apart, and drops what it is told to. Plain UdpClients on 127.0.0.1.
/// </summary>
public sealed class LossyUdpRelayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NoLoss_ForwardsEveryDatagramBothWays()
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server));
        using var client = Bind();

        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(new[] { (byte)i }, relay.EndPoint);
            var request = await ReceiveAsync(server);
            Assert.Equal(new[] { (byte)i }, request.Buffer);
            await server.SendAsync(new[] { (byte)(i + 100) }, request.RemoteEndPoint);
            Assert.Equal(new[] { (byte)(i + 100) }, (await ReceiveAsync(client)).Buffer);
        }

        // The relay counts a datagram after its send returns, which may be after the peer has it.
        await Eventually(() => relay.ForwardedToServer == 5 && relay.ForwardedToClient == 5);
        Assert.Equal(0, relay.DroppedToServer + relay.DroppedToClient);
    }

    [Fact]
    public async Task EachClient_HasItsOwnUpstreamEndpoint_SoRepliesGoBackToTheRightClient()
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server));
        using var first = Bind();
        using var second = Bind();

        await first.SendAsync("1"u8.ToArray(), relay.EndPoint);
        var fromFirst = await ReceiveAsync(server);
        await second.SendAsync("2"u8.ToArray(), relay.EndPoint);
        var fromSecond = await ReceiveAsync(server);
        Assert.NotEqual(fromFirst.RemoteEndPoint, fromSecond.RemoteEndPoint);

        await server.SendAsync("to 2"u8.ToArray(), fromSecond.RemoteEndPoint);
        await server.SendAsync("to 1"u8.ToArray(), fromFirst.RemoteEndPoint);

        Assert.Equal("to 1"u8.ToArray(), (await ReceiveAsync(first)).Buffer);
        Assert.Equal("to 2"u8.ToArray(), (await ReceiveAsync(second)).Buffer);
        Assert.Equal(2, relay.ClientCount);
    }

    [Fact]
    public async Task FullLoss_DropsEverythingAndCountsIt()
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server), lossRate: 1.0);
        using var client = Bind();

        for (var i = 0; i < 10; i++)
        {
            await client.SendAsync(new[] { (byte)i }, relay.EndPoint);
        }

        await Eventually(() => relay.DroppedToServer == 10);
        Assert.Equal(0, relay.ForwardedToServer);
        Assert.Equal(0, server.Available);
    }

    [Fact]
    public async Task FullLossTowardsTheClient_PassesRequestsAndDropsReplies()
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server)) { ToClientLossRate = 1.0 };
        using var client = Bind();

        await client.SendAsync("ping"u8.ToArray(), relay.EndPoint);
        var request = await ReceiveAsync(server);
        await server.SendAsync("pong"u8.ToArray(), request.RemoteEndPoint);

        await Eventually(() => relay.DroppedToClient == 1);
        Assert.Equal(0, relay.ForwardedToClient);
        Assert.Equal(0, client.Available);
    }

    [Fact]
    public async Task SeededLoss_DropsAboutThatShare_AndTheSameSeedDropsTheSameDatagrams()
    {
        var first = await SendThroughLossyRelayAsync(seed: 42);
        var second = await SendThroughLossyRelayAsync(seed: 42);

        // 200 draws at 30 %: expected 60 dropped, σ ≈ 6.5; a seeded run is fixed, the bounds only document it.
        Assert.InRange(200 - first.Count, 35, 85);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ClientsBeyondTheLimit_AreDropped()
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server), maxClients: 1);
        using var first = Bind();
        using var second = Bind();

        await first.SendAsync("1"u8.ToArray(), relay.EndPoint);
        await ReceiveAsync(server);
        await second.SendAsync("2"u8.ToArray(), relay.EndPoint);

        await Eventually(() => relay.RejectedClientDatagrams == 1);
        Assert.Equal(1, relay.ClientCount);
    }

    [Fact]
    public void LossRate_OutsideZeroToOne_IsRejected()
    {
        var upstream = new IPEndPoint(IPAddress.Loopback, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossyUdpRelay(upstream, lossRate: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossyUdpRelay(upstream, lossRate: double.NaN));
    }

    /// <summary>Sends 200 numbered datagrams through a 30 % relay; returns the numbers that arrived, in order.</summary>
    private static async Task<List<int>> SendThroughLossyRelayAsync(int seed)
    {
        using var server = Bind();
        await using var relay = new LossyUdpRelay(LocalEndPoint(server), lossRate: 0.3, seed: seed) { ToClientLossRate = 0 };
        using var client = Bind();
        for (var i = 0; i < 200; i++)
        {
            // One socket to one socket on loopback keeps the order, so the relay's draws follow it.
            await client.SendAsync(BitConverter.GetBytes(i), relay.EndPoint);
        }

        await Eventually(() => relay.ForwardedToServer + relay.DroppedToServer == 200);

        var arrived = new List<int>();
        while (arrived.Count < relay.ForwardedToServer)
        {
            arrived.Add(BitConverter.ToInt32((await ReceiveAsync(server)).Buffer));
        }

        Assert.Equal(200, relay.ForwardedToServer + relay.DroppedToServer);
        return arrived;
    }

    private static UdpClient Bind() => new(new IPEndPoint(IPAddress.Loopback, 0));

    private static IPEndPoint LocalEndPoint(UdpClient client) => (IPEndPoint)client.Client.LocalEndPoint!;

    private static async Task<UdpReceiveResult> ReceiveAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        return await client.ReceiveAsync(timeout.Token);
    }

    private static Task Eventually(Func<bool> condition) =>
        Infrastructure.Eventually.AssertAsync(condition, s_timeout, () => "the relay did not count the datagrams");
}
