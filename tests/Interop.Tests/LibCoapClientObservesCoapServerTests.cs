using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// libcoap's coap-client-notls (4.3.1) observing (RFC 7641) a resource of our <see cref="CoapServer"/>:
/// a hand-written handler that calls <see cref="CoapContext.EnableObserve"/>, changed by the test.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LibCoapClientObservesCoapServerTests
{
    /// <summary>Long enough never to end on its own while the test runs; the test kills libcoap when done.</summary>
    private const int Forever = 120;

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task EveryChange_ReachesLibCoap_InOrder_AsNonConfirmableNotificationsWithIncreasingObserveNumbers(string host)
    {
        await using var server = await ObservableServer.StartAsync("20");
        await using var client = LibCoapObserver.Start(server.Uri(host), Forever);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForResponsesAsync(1);

        string[] changes = ["21", "22", "23"];
        for (var i = 0; i < changes.Length; i++)
        {
            await server.ChangeAsync(changes[i]);
            await client.WaitForResponsesAsync(i + 2);
        }

        var responses = client.Responses;
        Assert.True(responses.Select(r => r.Payload).SequenceEqual(["20", "21", "22", "23"]), client.Describe());
        Assert.All(responses, r => Assert.Equal("2.05", r.Code));
        Assert.Equal("ACK", responses[0].Type);
        Assert.All(responses.Skip(1), r => Assert.Equal("NON", r.Type));
        var observe = responses.Select(r => r.Observe ?? throw new InvalidOperationException($"{r} has no Observe option")).ToList();
        Assert.True(observe.Zip(observe.Skip(1)).All(pair => pair.Second > pair.First), $"Observe numbers not increasing: {string.Join(", ", observe)}");
        Assert.Equal(1, server.Observers);
        server.AssertNoErrors();
    }

    /// <summary>
    /// When its <c>-s</c> period ends, libcoap sends GET with Observe: 1 (and exits without waiting
    /// for the answer): the server removes the observer at once, not at the next notification.
    /// </summary>
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task LibCoapLeavingAfterItsObservePeriod_Deregisters_AndTheServerForgetsIt(string host)
    {
        await using var server = await ObservableServer.StartAsync("20");
        await using var client = LibCoapObserver.Start(server.Uri(host), seconds: 1);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForResponsesAsync(1);

        Assert.True(await client.Process.WaitForExitAsync(TimeSpan.FromSeconds(15)), client.Describe());

        await server.WaitForObserversAsync(0, client.Describe);
        Assert.Equal(0, server.Server.Observations.Count);
        Assert.Contains(server.Removals(), m => m.EndsWith(": Deregistered", StringComparison.Ordinal));
        Assert.Equal(2, server.Handler.Calls); // the registration and the deregistration; nothing was rendered
        Assert.True(client.Payloads.SequenceEqual(["20"]), client.Describe());
        server.AssertNoErrors();
    }

    /// <summary>
    /// A killed libcoap cannot deregister and notifications are non-confirmable, so the server keeps
    /// it until a confirmable notification (here every one: <c>c.con=1</c>) goes unacknowledged
    /// (RFC 7641 §4.5). Short retransmission settings give up after 0.5 + 1 + 2 s.
    /// </summary>
    [Fact]
    public async Task KilledLibCoap_IsRemoved_WhenAConfirmableNotificationGoesUnacknowledged()
    {
        await using var server = await ObservableServer.StartAsync("20", options =>
        {
            options.Messaging.AckTimeout = TimeSpan.FromSeconds(0.5);
            options.Messaging.AckRandomFactor = 1.0;
            options.Messaging.MaxRetransmit = 2;
        });
        await using var client = LibCoapObserver.Start(server.Uri(Loopback.V4, "?c.con=1"), Forever);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForResponsesAsync(1);
        await server.ChangeAsync("21");
        await client.WaitForResponsesAsync(2);
        Assert.Equal("CON", client.Responses[1].Type);

        await client.Process.KillAsync();
        Assert.Equal(1, server.Observers);
        await server.ChangeAsync("22");

        await Eventually.AssertAsync(() => server.Observers == 0, TimeSpan.FromSeconds(20), () => $"the killed observer is still registered.{Environment.NewLine}{server.DescribeLogs()}");
        Assert.Contains(server.Removals(), m => m.EndsWith(": NotAcknowledged", StringComparison.Ordinal));
        Assert.True(client.Payloads.SequenceEqual(["20", "21"]), client.Describe());
        server.AssertNoErrors();
    }

    /// <summary>
    /// <c>c.gt=25</c> (draft-ietf-core-conditional-attributes; <c>gt=25</c> in the older, unprefixed
    /// form) in libcoap's URI: of 22, 24, 26, 28 and 23 only the crossings of 25 are notified,
    /// each compared with the value last sent.
    /// </summary>
    [Theory]
    [InlineData("?c.gt=25")]
    [InlineData("?gt=25")]
    public async Task GreaterThanCondition_InLibCoapsUri_NotifiesOnlyTheValuesCrossingTheThreshold(string query)
    {
        await using var server = await ObservableServer.StartAsync("20");
        await using var client = LibCoapObserver.Start(server.Uri(Loopback.V4, query), Forever);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForResponsesAsync(1);

        await server.ChangeAsync("22");
        await server.ChangeAsync("24");
        await server.ChangeAsync("26");
        await client.WaitForResponsesAsync(2);
        await server.ChangeAsync("28");
        await server.ChangeAsync("23");
        await client.WaitForResponsesAsync(3);

        // Each change was rendered and evaluated before the next; the suppressed ones never left the server.
        Assert.True(client.Payloads.SequenceEqual(["20", "26", "23"]), client.Describe());
        Assert.Equal(6, server.Handler.Calls);
        Assert.Equal(1, server.Observers);
        server.AssertNoErrors();
    }

    [Fact]
    public async Task InvalidConditionalAttribute_IsAnswered400_AndNotRegistered()
    {
        await using var server = await ObservableServer.StartAsync("20");

        var result = await LibCoapClient.RunAsync(["-s", "1"], server.Uri(Loopback.V4, "?c.gt=warm"));

        Assert.True(LibCoapClient.ErrorCode(result) == "4.00", result.Describe());
        Assert.True(result.Stdout.Length == 0, result.Describe());
        Assert.Equal(0, server.Observers);
        server.AssertNoErrors();
    }
}
