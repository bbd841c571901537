using Coap.TestUtilities;

namespace Coap.Tests.Messaging;

public sealed class DuplicateDetectionTests
{
    [Fact]
    public async Task DuplicateCon_IsAnsweredFromCache_WithoutRerunningHandler()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        harness.Network.DuplicateWhen = d => d.To.Equals(MessagingHarness.ServerAddress);

        var response = await harness.Client.PostAsync(harness.ServerUri("/echo"), "once"u8.ToArray());

        Assert.Equal("POST /echo once", response.GetPayloadAsString());
        Assert.Equal(1, handler.Calls);
        var answers = harness.Between(MessagingHarness.ServerAddress, MessagingHarness.ClientAddress);
        Assert.Equal(2, answers.Count);
        Assert.Equal(answers[0].Message.ToArray(), answers[1].Message.ToArray());
    }

    [Fact]
    public async Task DuplicateNon_IsDropped()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var request = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 7, Token = new byte[] { 1 } };
        request.Options.Add(CoapOptionNumber.UriPath, "time");

        harness.SendRaw(request);
        harness.SendRaw(request);

        Assert.Equal(1, handler.Calls);
        Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.NonConfirmable, harness.RawReceived[0].Type);
    }

    [Fact]
    public async Task SameMessageId_AfterExchangeLifetime_IsProcessedAgain()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 9 };
        request.Options.Add(CoapOptionNumber.UriPath, "time");

        harness.SendRaw(request);
        harness.Time.Advance(harness.Options.ExchangeLifetime - TimeSpan.FromSeconds(1));
        harness.SendRaw(request);
        Assert.Equal(1, handler.Calls);

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.SendRaw(request);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task SameMessageId_WithDifferentToken_IsANewRequest()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var first = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 11, Token = new byte[] { 1 } };
        var second = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 11, Token = new byte[] { 2 } };

        harness.SendRaw(first);
        harness.SendRaw(first);
        harness.SendRaw(second);

        Assert.Equal(2, handler.Calls);
        Assert.Equal([1, 1, 2], harness.RawReceived.Select(m => m.Token.Span[0]).ToArray());
    }

    [Fact]
    public async Task DeduplicationCache_IsBounded()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler, o => o.DeduplicationCapacity = 16);

        for (ushort id = 0; id < 200; id++)
        {
            var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = id };
            harness.SendRaw(request);
        }

        Assert.Equal(200, handler.Calls);
        Assert.True(harness.Server.Deduplication.Count <= 16);
    }
}
