using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coap.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Coap.Interop.Tests;

/// <summary>A running server over real loopback fed with malformed, random and hostile datagrams.</summary>
[Collection(BadInputCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const int JunkDatagrams = 100_000;
    private const int MaxOutstanding = 500;
    private const int ValidRequestEvery = 1_000;
    private const int DeduplicationCapacity = 4_096;
    private const long MaxMemoryGrowth = 64L * 1024 * 1024;
    private const int Seed = 7252;

    [Fact]
    public async Task HundredThousandMalformedAndRandomDatagrams_LeaveTheServerAnswering_WithBoundedMemoryAndState()
    {
        // A small deduplication cache, so the flood of valid-looking requests overflows it.
        using var logs = new RecordingLoggerFactory();
        await using var server = await EchoServer.StartAsync(o => o.Messaging.DeduplicationCapacity = DeduplicationCapacity, logs);
        await using var client = new CoapClient();
        var endpoint = server.Server.Endpoints[0];
        var timeUri = server.Uri(Loopback.V4, "/time");
        for (var i = 0; i < 20; i++)
        {
            await AssertAnsweredAsync(client, CoapRequest.Get(timeUri), "warm-up");
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var junkV4 = Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var junkV6 = Connect(new IPEndPoint(IPAddress.IPv6Loopback, server.Port));
        using var barrier = Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        var generator = new JunkDatagramGenerator(Seed);
        var stopwatch = Stopwatch.StartNew();
        var barrierMessageId = (ushort)0;
        var repliesToJunk = 0;
        var sendFailures = 0;
        for (var sent = 0; sent < JunkDatagrams;)
        {
            // A burst that, with the barrier ping behind it, keeps at most MaxOutstanding datagrams unprocessed.
            var burst = Math.Min(MaxOutstanding - 1, JunkDatagrams - sent);
            burst = Math.Min(burst, ValidRequestEvery - (sent % ValidRequestEvery));
            for (var i = 0; i < burst; i++)
            {
                var socket = (sent + i) % 2 == 0 ? junkV4 : junkV6;
                sendFailures += TrySend(socket, generator.Next()) ? 0 : 1;
            }

            sent += burst;
            await WaitForServerToCatchUpAsync(barrier, ++barrierMessageId);
            repliesToJunk += Drain(junkV4) + Drain(junkV6);
            if (sent % ValidRequestEvery == 0)
            {
                await AssertAnsweredAsync(client, CoapRequest.Get(timeUri), $"after {sent} junk datagrams");
            }
        }

        var flood = stopwatch.Elapsed;
        for (var i = 0; i < 20; i++)
        {
            var host = i % 2 == 0 ? Loopback.V4 : Loopback.V6;
            var request = (i % 4) switch
            {
                0 => CoapRequest.Get(server.Uri(host, "/time")),
                1 => CoapRequest.Get(server.Uri(host, "/")).AsNonConfirmable(),
                2 => CoapRequest.Put(server.Uri(host, "/echo")).WithPayload($"after-{i}"),
                _ => CoapRequest.Post(server.Uri(host, "/echo")).WithPayload($"after-{i}").AsNonConfirmable(),
            };
            var response = await AssertAnsweredAsync(client, request, "after the flood");
            if (i % 4 >= 2)
            {
                Assert.EndsWith($" /echo after-{i}", response.GetPayloadAsString(), StringComparison.Ordinal);
            }
        }

        var inFlightSettled = await EventuallyAsync(() => endpoint.InFlightRequests == 0, TimeSpan.FromSeconds(5));
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var growth = memoryAfter - memoryBefore;
        var counts = string.Join(", ", generator.Counts.Select(c => $"{c.Key}={c.Value}"));
        output.WriteLine($"flood: {JunkDatagrams} datagrams in {flood.TotalMilliseconds:F0} ms; send failures {sendFailures}; replies to junk {repliesToJunk}");
        output.WriteLine($"kinds: {counts}");
        output.WriteLine($"handler calls {server.Handler.Calls}; deduplication {endpoint.Deduplication.Count}/{endpoint.Deduplication.Capacity}; peers {endpoint.Peers.Count}; in flight {endpoint.InFlightRequests}");
        output.WriteLine($"managed memory {memoryBefore / 1024} KiB -> {memoryAfter / 1024} KiB (growth {growth / 1024} KiB)");

        foreach (var entry in logs.Entries)
        {
            output.WriteLine($"log: {entry}");
        }

        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, $"The server logged errors (a receiver or handler threw):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        Assert.Contains(logs.Entries, e => e.EventId.Name == "DeduplicationFull");
        Assert.True(inFlightSettled, $"InFlightRequests stayed at {endpoint.InFlightRequests} after every response was received.");
        Assert.InRange(endpoint.Deduplication.Count, 0, endpoint.Deduplication.Capacity);
        Assert.Equal(DeduplicationCapacity, endpoint.Deduplication.Capacity);
        Assert.InRange(endpoint.Peers.Count, 1, endpoint.Options.MaxPeers);
        Assert.True(growth < MaxMemoryGrowth, $"Managed memory grew by {growth / (1024 * 1024)} MiB during the flood (limit {MaxMemoryGrowth / (1024 * 1024)} MiB).");
        Assert.True(repliesToJunk > 0, "The server answered none of the junk (4.02, 4.04, RST ...); was it even received?");
    }

    private static Socket Connect(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = 1024 * 1024, ReceiveBufferSize = 1024 * 1024 };
        socket.Connect(server);
        return socket;
    }

    private static bool TrySend(Socket socket, ReadOnlySpan<byte> datagram)
    {
        try
        {
            socket.Send(datagram);
            return true;
        }
        catch (SocketException)
        {
            // ICMP errors from earlier datagrams surface on a connected UDP socket; the test counts them.
            return false;
        }
    }

    /// <summary>Reads and counts whatever the server sent back to a junk socket (RSTs, 4.xx, 5.xx, echoes).</summary>
    private static int Drain(Socket socket)
    {
        var buffer = new byte[2048];
        var count = 0;
        while (socket.Available > 0)
        {
            socket.Receive(buffer);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The server handles datagrams one at a time in arrival order, so the RST for a CoAP ping
    /// sent after a burst means the burst has been processed.
    /// </summary>
    private static async Task WaitForServerToCatchUpAsync(Socket barrier, ushort messageId)
    {
        byte[] ping = [0x40, 0x00, (byte)(messageId >> 8), (byte)messageId];
        var buffer = new byte[64];
        for (var attempt = 0; attempt < 10; attempt++)
        {
            barrier.Send(ping);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var length = await barrier.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                    if (length == 4 && buffer[0] == 0x70 && buffer[1] == 0 && buffer[2] == ping[2] && buffer[3] == ping[3])
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Lost or not processed yet: ping again.
            }
        }

        Assert.Fail($"The server stopped answering CoAP pings (message ID {messageId}).");
    }

    private static async Task<CoapResponse> AssertAnsweredAsync(CoapClient client, CoapRequest request, string when)
    {
        CoapResponse response;
        try
        {
            response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is CoapException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{request} was not answered {when}: {ex.GetType().Name}: {ex.Message}");
        }

        Assert.True(response.IsSuccess, $"{request} {when}: {response.Code} {Encoding.UTF8.GetString(response.Payload.Span)}");
        return response;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
