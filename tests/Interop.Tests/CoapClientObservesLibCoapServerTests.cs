using Coap.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Coap.Interop.Tests;

/// <summary>Our <see cref="CoapClient"/> observing (RFC 7641) libcoap's example server, coap-server-notls (4.3.1).</summary>
[Trait("Category", "Interop")]
public sealed class CoapClientObservesLibCoapServerTests
{
    /// <summary>The client's "Unexpected … ignored or reset" event: a datagram for a token nobody holds.</summary>
    private const int UnmatchedEventId = 204;

    /// <summary>
    /// libcoap's "/time" is observable and notifies once a second. After three notifications the
    /// enumeration stops, which sends GET Observe: 1; libcoap then stops notifying, so no notification
    /// reaches the client afterwards (it would be answered with RST and logged as unmatched).
    /// </summary>
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task ObserveTime_YieldsIncreasingNotifications_AndDeregisters(string host)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        var logs = new RecordingLoggerFactory(LogLevel.Debug);
        await using var client = new CoapClient(loggerFactory: logs);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var received = new List<CoapResponse>();
        await foreach (var response in client.ObserveAsync(peer.Uri("/time"), cancellationToken: limit.Token))
        {
            received.Add(response);
            if (received.Count == 4)
            {
                break;
            }
        }

        // The registration response, then three notifications: all 2.05 with increasing Observe values.
        Assert.All(received, r => Assert.Equal(CoapCode.Content, r.Code));
        var sequence = received.Select(r => r.Observe ?? throw new InvalidOperationException($"{r} has no Observe option")).ToList();
        Assert.True(sequence.Zip(sequence.Skip(1)).All(pair => pair.Second > pair.First), $"Observe values not increasing: {string.Join(", ", sequence)}");
        Assert.All(received, r => Assert.Matches(@"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}$", r.GetPayloadAsString()));

        // More than a notification period: a server that still notified would be reset and logged.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var stray = logs.Entries.Where(e => e.EventId.Id == UnmatchedEventId && !e.Message.Contains("Acknowledgement", StringComparison.Ordinal)).ToList();
        Assert.True(stray.Count == 0, $"notifications after deregistration: {string.Join(Environment.NewLine, stray)}");
        Assert.Contains(logs.Entries, e => e.EventId.Name == "ObservationCancelled" && e.Message.Contains("True", StringComparison.Ordinal));
    }
}
