using Coap.TestUtilities;

namespace Coap.Tests.Messaging;

public sealed class SeparateResponseTests
{
    [Fact]
    public async Task SlowHandler_GetsEmptyAckFirst_ThenConResponse_WhichClientAcknowledges()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async context =>
        {
            await release.Task;
            context.Response.WritePayload("late"u8);
        });
        await using var harness = new MessagingHarness(handler);

        var pending = harness.Client.GetAsync(harness.ServerUri("/slow"));
        harness.Advance(TimeSpan.FromSeconds(1.5));

        var fromServer = harness.Between(MessagingHarness.ServerAddress, MessagingHarness.ClientAddress);
        var emptyAck = Assert.Single(fromServer).Message;
        Assert.Equal(CoapMessageType.Acknowledgement, emptyAck.Type);
        Assert.True(emptyAck.Code.IsEmpty);

        release.SetResult();
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CoapMessageType.Confirmable, response.Type);
        Assert.Equal("late", response.GetPayloadAsString());

        // The client acknowledged the separate response, so the server never retransmits it.
        // (The acknowledgement is delivered on the handler's thread: wait for it before moving the clock.)
        await WaitUntil(() => harness.Server.AwaitingAcknowledgement == 0);
        harness.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        var clientToServer = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.ServerAddress);
        Assert.Equal(2, clientToServer.Count);
        Assert.Equal(CoapMessageType.Acknowledgement, clientToServer[1].Message.Type);
        Assert.Equal(response.Message.MessageId, clientToServer[1].Message.MessageId);
        Assert.Equal(2, harness.Between(MessagingHarness.ServerAddress, MessagingHarness.ClientAddress).Count);
    }

    [Fact]
    public async Task SeparateResponse_NotAcknowledged_IsRetransmitted()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async _ => await release.Task);
        await using var harness = new MessagingHarness(handler);
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 100, Token = new byte[] { 0xAB } };

        harness.SendRaw(request);
        harness.Advance(TimeSpan.FromSeconds(1.5));
        release.SetResult();
        await WaitUntil(() => harness.RawReceived.Count == 2);
        harness.Advance(TimeSpan.FromSeconds(4));

        var received = harness.RawReceived;
        Assert.Equal(CoapMessageType.Acknowledgement, received[0].Type);
        Assert.Equal(CoapMessageType.Confirmable, received[1].Type);
        Assert.True(received.Count >= 3, "the unacknowledged separate response is retransmitted");
        Assert.Equal(received[1].MessageId, received[2].MessageId);
    }

    [Fact]
    public async Task DuplicateRequest_AfterEmptyAck_GetsEmptyAckAgain()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async _ => await release.Task);
        await using var harness = new MessagingHarness(handler);
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 101 };

        harness.SendRaw(request);
        harness.Advance(TimeSpan.FromSeconds(1.5));
        harness.SendRaw(request);

        Assert.Equal(1, handler.Calls);
        Assert.Equal(2, harness.RawReceived.Count);
        Assert.All(harness.RawReceived, m => Assert.Equal(CoapMessageType.Acknowledgement, m.Type));
        release.SetResult();
    }

    [Fact]
    public async Task ThrowingHandler_Answers500()
    {
        await using var harness = new MessagingHarness(DelegateHandler.Sync(_ => throw new InvalidOperationException("boom")));

        var response = await harness.Client.GetAsync(harness.ServerUri("/"));

        Assert.Equal(CoapCode.InternalServerError, response.Code);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
