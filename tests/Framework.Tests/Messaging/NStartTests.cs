using Coap.TestUtilities;

namespace Coap.Tests.Messaging;

public sealed class NStartTests
{
    [Fact]
    public async Task SecondRequest_WaitsUntilFirstIsAcknowledged()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress) && harness.Network.Sent.Count == 1;

        var first = harness.Client.GetAsync(harness.ServerUri("/time"));
        var second = harness.Client.GetAsync(harness.ServerUri("/"));

        var requests = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress);
        Assert.Single(requests);
        Assert.False(second.IsCompleted);

        harness.Advance(TimeSpan.FromSeconds(4));
        await first;
        await second;
        requests = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress);
        Assert.Equal(3, requests.Count);
        Assert.NotEqual(requests[0].Message.MessageId, requests[2].Message.MessageId);
    }

    [Fact]
    public async Task NStart_IsConfigurable()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create(), o => o.NStart = 4);
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress);

        var pending = Enumerable.Range(0, 6).Select(_ => harness.Client.GetAsync(harness.ServerUri("/"))).ToList();

        Assert.Equal(4, harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress).Count);

        // The first four give up after at most MAX_TRANSMIT_WAIT; the queued two start then.
        harness.Advance(TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(0.5));
        foreach (var task in pending)
        {
            await Assert.ThrowsAsync<CoapTimeoutException>(() => task);
        }
    }

    [Fact]
    public async Task CancelledRequest_ReleasesItsSlot()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress) && harness.Network.Sent.Count == 1;
        using var cancel = new CancellationTokenSource();

        var first = harness.Client.GetAsync(harness.ServerUri("/time"), cancel.Token);
        var second = harness.Client.GetAsync(harness.ServerUri("/"));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var response = await second;
        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task NonRequest_WithoutResponse_TimesOut()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create(), o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress);

        var pending = harness.Client.SendAsync(CoapRequest.Get(harness.ServerUri("/")).AsNonConfirmable());
        harness.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<CoapTimeoutException>(() => pending);
        Assert.Single(harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress));
    }
}
