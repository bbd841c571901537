using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>
/// node-coap (node/observe.js) observing (RFC 7641) a resource of our <see cref="CoapServer"/>:
/// a hand-written handler that calls <see cref="CoapContext.EnableObserve"/>, changed by the test.
/// </summary>
[Trait("Category", "Interop")]
public sealed class NodeCoapClientObservesCoapServerTests
{
    /// <summary>node-coap's <c>close(true)</c> sends GET with Observe: 1 and the observation's token: the server removes the observer.</summary>
    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task EveryChange_ReachesNodeCoap_InOrder_AndDeregistering_RemovesTheObserver(string host)
    {
        await using var server = await ObservableServer.StartAsync("off");
        await using var client = NodeCoapObserver.Start(server.Uri(host), count: 4, then: "deregister", lingerMs: 30_000);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForResponsesAsync(1);

        string[] changes = ["on", "dimmed", "off"];
        for (var i = 0; i < changes.Length; i++)
        {
            await server.ChangeAsync(changes[i]);
            await client.WaitForResponsesAsync(i + 2);
        }

        var responses = client.Responses;
        Assert.True(client.Payloads.SequenceEqual(["off", "on", "dimmed", "off"]), client.Describe());
        Assert.All(responses, r => Assert.Equal("2.05", r.Code));
        Assert.Equal("ACK", responses[0].Type);
        Assert.All(responses.Skip(1), r => Assert.Equal("NON", r.Type));
        var observe = responses.Select(r => r.Observe ?? throw new InvalidOperationException($"{r} has no Observe option")).ToList();
        Assert.True(observe.Zip(observe.Skip(1)).All(pair => pair.Second > pair.First), $"Observe numbers not increasing: {string.Join(", ", observe)}");

        await client.WaitForAsync(() => client.Events.Contains("deregistering"), () => "node-coap did not deregister.");
        await server.WaitForObserversAsync(0, client.Describe);
        Assert.Contains(server.Removals(), m => m.EndsWith(": Deregistered", StringComparison.Ordinal));
        server.AssertNoErrors();
    }

    /// <summary>
    /// node-coap's <c>close()</c> forgets the token without telling the server; it answers the next
    /// (non-confirmable) notification with RST, which removes the observer (RFC 7641 §3.6).
    /// </summary>
    [Fact]
    public async Task NotificationToAForgottenObservation_IsResetByNodeCoap_AndTheServerRemovesTheObserver()
    {
        await using var server = await ObservableServer.StartAsync("1");
        await using var client = NodeCoapObserver.Start(server.Uri(Loopback.V4), count: 1, then: "forget", lingerMs: 30_000);
        await server.WaitForObserversAsync(1, client.Describe);
        await client.WaitForAsync(() => client.Events.Contains("forgotten"), () => "node-coap did not forget the observation.");
        Assert.Equal(1, server.Observers);

        await server.ChangeAsync("2");

        await server.WaitForObserversAsync(0, client.Describe);
        Assert.Contains(server.Removals(), m => m.EndsWith(": Reset", StringComparison.Ordinal));
        Assert.True(client.Payloads.SequenceEqual(["1"]), client.Describe());
        server.AssertNoErrors();
    }
}
