using Coap.TestUtilities;

namespace Coap.Tests.Messaging;

public sealed class RetransmissionTests
{
    [Fact]
    public async Task ConRequest_NeverAcknowledged_IsRetransmittedWithDoublingTimeouts_ThenTimesOut()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress);

        var pending = harness.Client.GetAsync(harness.ServerUri("/time"));
        harness.Advance(TimeSpan.FromSeconds(100));

        var sent = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress);
        Assert.Equal(1 + 4, sent.Count);
        Assert.All(sent, s => Assert.Equal(sent[0].Message.MessageId, s.Message.MessageId));
        var initial = sent[1].At - sent[0].At;
        Assert.InRange(initial, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3.1));
        for (var i = 2; i < sent.Count; i++)
        {
            var gap = sent[i].At - sent[i - 1].At;
            var expected = initial * Math.Pow(2, i - 1);
            Assert.InRange(gap, expected - TimeSpan.FromMilliseconds(200), expected + TimeSpan.FromMilliseconds(200));
        }

        await Assert.ThrowsAsync<CoapTimeoutException>(() => pending);
        Assert.Equal(0, handler.Calls);
        Assert.Equal(0, harness.ClientEndpoint.PendingExchanges);
    }

    [Fact]
    public async Task RetransmissionParameters_AreConfigurable()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create(), o =>
        {
            o.AckTimeout = TimeSpan.FromSeconds(1);
            o.AckRandomFactor = 1.0;
            o.MaxRetransmit = 2;
        });
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress);

        var pending = harness.Client.GetAsync(harness.ServerUri("/time"));
        harness.Advance(TimeSpan.FromSeconds(10));

        var sent = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress);
        Assert.Equal(3, sent.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), sent[1].At - sent[0].At);
        Assert.Equal(TimeSpan.FromSeconds(2), sent[2].At - sent[1].At);
        await Assert.ThrowsAsync<CoapTimeoutException>(() => pending);
    }

    [Fact]
    public async Task LostRequest_IsRetransmitted_AndSucceeds()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var dropped = 0;
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ServerAddress) && dropped++ == 0;

        var pending = harness.Client.GetAsync(harness.ServerUri("/"));
        Assert.False(pending.IsCompleted);
        harness.Advance(TimeSpan.FromSeconds(4));

        var response = await pending;
        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(2, harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress).Count);
    }

    [Fact]
    public async Task LostResponse_RetransmittedRequest_IsAnsweredFromCache_WithoutRerunningHandler()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var dropped = 0;
        harness.Network.DropWhen = d => d.To.Equals(MessagingHarness.ClientAddress) && dropped++ == 0;

        var pending = harness.Client.PostAsync(harness.ServerUri("/echo"), "x"u8.ToArray());
        harness.Advance(TimeSpan.FromSeconds(4));

        var response = await pending;
        Assert.Equal(CoapCode.Created, response.Code);
        Assert.Equal(1, handler.Calls);
        var responses = harness.Between(MessagingHarness.ServerAddress, MessagingHarness.ClientAddress);
        Assert.Equal(2, responses.Count);
        Assert.Equal(responses[0].Message.ToArray(), responses[1].Message.ToArray());
    }

    [Fact]
    public async Task ResetByServer_FailsTheRequest()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());

        // A request arriving at a client-only endpoint is reset.
        var request = CoapRequest.Get("coap://10.0.0.2/x");
        request.Destination = MessagingHarness.ClientAddress;
        var serverSide = new CoapClient(harness.Server);
        var pending = serverSide.SendAsync(request);

        await Assert.ThrowsAsync<CoapResetException>(() => pending);
    }
}
