namespace Coap.Tests.BlockWise.Inbound;

/// <summary>Block1 request bodies at the server (RFC 7959 §2.3, §2.5, §2.9; RFC 9175 §3).</summary>
public sealed class Block1ReassemblyTests
{
    [Fact]
    public async Task Rfc7959_2_5_AtomicUpload_ContinuesEachBlock_AndRunsTheActionOnceWithTheWholeBody()
    {
        await using var harness = new InboundHarness();
        var body = InboundHarness.Body((3 * 64) + 10);

        for (var number = 0; number < 3; number++)
        {
            harness.SendBlock(body, number, szx: 2);
            var answer = Assert.Single(harness.Take());
            Assert.Equal(CoapMessageType.Acknowledgement, answer.Type);
            Assert.Equal(CoapCode.Continue, answer.Code);
            Assert.Equal(new CoapBlock(number, true, 2), InboundHarness.BlockOf(answer));
            Assert.Equal(0, harness.Calls);
        }

        harness.SendBlock(body, 3, szx: 2);

        var final = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Changed, final.Code);
        Assert.Equal(new CoapBlock(3, false, 2), InboundHarness.BlockOf(final));
        Assert.Equal(1, harness.Calls);
        Assert.Equal(body, Assert.Single(harness.Bodies));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
    }

    [Fact]
    public async Task Rfc7959_2_3_ServerPrefersSmallerBlocks_EchoesItsSzx_AndTheClientContinuesAtTheRightOffset()
    {
        await using var harness = new InboundHarness(o => o.PreferredBlockSize = 128);
        var body = InboundHarness.Body(1024 + 300);

        harness.SendBlock(body, 0, szx: 6);
        var first = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Continue, first.Code);
        Assert.Equal(new CoapBlock(0, true, 3), InboundHarness.BlockOf(first));

        // 1024 bytes are in: the next block of 128 is NUM 8 (RFC 7959 §2.3, Figure 6 of the RFC).
        harness.SendBlock(body, 8, szx: 3);
        Assert.Equal(new CoapBlock(8, true, 3), InboundHarness.BlockOf(Assert.Single(harness.Take())));
        harness.SendBlock(body, 9, szx: 3);
        Assert.Single(harness.Take());
        harness.SendBlock(body, 10, szx: 3);

        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Rfc7959_2_9_2_BlockOutOfOrder_Gets408_AndThePartialBodyIsFreed()
    {
        await using var harness = new InboundHarness();
        var body = InboundHarness.Body(64 * 4);

        harness.SendBlock(body, 0, szx: 2);
        harness.Take();
        harness.SendBlock(body, 2, szx: 2);

        Assert.Equal(CoapCode.RequestEntityIncomplete, Assert.Single(harness.Take()).Code);
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task Rfc7959_2_9_2_ContinuationWithoutItsStart_Gets408()
    {
        await using var harness = new InboundHarness();

        harness.SendBlock(InboundHarness.Body(64 * 3), 1, szx: 2);

        Assert.Equal(CoapCode.RequestEntityIncomplete, Assert.Single(harness.Take()).Code);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task RepeatedBlockWithNewMessageId_GetsTheSameAnswer_AndIsNotAppendedTwice()
    {
        await using var harness = new InboundHarness();
        var body = InboundHarness.Body((64 * 2) + 5);

        harness.SendBlock(body, 0, szx: 2);
        harness.SendBlock(body, 1, szx: 2);
        harness.SendBlock(body, 1, szx: 2);
        var answers = harness.Take();
        Assert.Equal(3, answers.Count);
        Assert.Equal(answers[1].Code, answers[2].Code);
        Assert.Equal(InboundHarness.BlockOf(answers[1]), InboundHarness.BlockOf(answers[2]));

        harness.SendBlock(body, 2, szx: 2);

        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Rfc7959_4_Size1AboveMaxBodySize_Gets413WithTheLimit_AndKeepsNoState()
    {
        await using var harness = new InboundHarness(o => o.MaxBodySize = 256);

        harness.SendBlock(InboundHarness.Body(1000), 0, szx: 2, size1: true);

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.RequestEntityTooLarge, answer.Code);
        Assert.Equal(256u, answer.Options.GetUInt(CoapOptionNumber.Size1));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
    }

    [Fact]
    public async Task Rfc7959_2_9_3_AccumulatedBodyAboveMaxBodySize_Gets413_AndTheBodyIsFreed()
    {
        await using var harness = new InboundHarness(o => o.MaxBodySize = 256);
        var body = InboundHarness.Body(64 * 6);

        for (var number = 0; number < 4; number++)
        {
            harness.SendBlock(body, number, szx: 2);
            Assert.Equal(CoapCode.Continue, Assert.Single(harness.Take()).Code);
        }

        harness.SendBlock(body, 4, szx: 2);

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.RequestEntityTooLarge, answer.Code);
        Assert.Equal(256u, answer.Options.GetUInt(CoapOptionNumber.Size1));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task Rfc7959_2_9_3_SingleMessageTooLarge_Gets413WithSize1_AndABlock1SizeSuggestion()
    {
        await using var harness = new InboundHarness(messaging: o => o.MaxRequestPayloadSize = 100);
        var message = new CoapMessage { Code = CoapCode.Put, MessageId = harness.NextMessageId(), Token = new byte[] { 1 }, Payload = InboundHarness.Body(200) };
        message.Options.Add(CoapOptionNumber.UriPath, "upload");

        harness.Send(message);

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.RequestEntityTooLarge, answer.Code);
        Assert.Equal(100u, answer.Options.GetUInt(CoapOptionNumber.Size1));
        Assert.Equal(64, InboundHarness.BlockOf(answer).Size);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task TooManyTransfersForOnePeer_Gets503WithMaxAge()
    {
        await using var harness = new InboundHarness(o => o.MaxTransfersPerPeer = 1);
        var body = InboundHarness.Body(64 * 3);

        harness.SendBlock(body, 0, szx: 2, path: "a");
        Assert.Equal(CoapCode.Continue, Assert.Single(harness.Take()).Code);
        harness.SendBlock(body, 0, szx: 2, path: "b");

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.ServiceUnavailable, answer.Code);
        Assert.NotNull(answer.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);
    }

    [Fact]
    public async Task ByteBudgetPerPeerSpent_Gets503WithMaxAge_AndKeepsNoState()
    {
        await using var harness = new InboundHarness(o =>
        {
            o.MaxBodySize = 4096;
            o.MaxReassemblyBytesPerPeer = 512;
        });

        harness.SendBlock(InboundHarness.Body(1000), 0, szx: 2, size1: true);

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.ServiceUnavailable, answer.Code);
        Assert.NotNull(answer.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
    }

    [Fact]
    public async Task IdlePartialBody_IsFreedAfterReassemblyTimeout()
    {
        await using var harness = new InboundHarness(o => o.ReassemblyTimeout = TimeSpan.FromSeconds(10));
        var body = InboundHarness.Body(64 * 3);
        harness.SendBlock(body, 0, szx: 2);
        harness.Take();
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);

        harness.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
        harness.SendBlock(body, 1, szx: 2);
        Assert.Equal(CoapCode.RequestEntityIncomplete, Assert.Single(harness.Take()).Code);
    }

    [Fact]
    public async Task Rfc9175_3_ConcurrentUploadsWithDifferentRequestTags_AreIndependentBodies()
    {
        await using var harness = new InboundHarness();
        var first = InboundHarness.Body(64 * 2 + 1);
        var second = first.Select(b => (byte)~b).ToArray();

        harness.SendBlock(first, 0, szx: 2, requestTag: [1]);
        harness.SendBlock(second, 0, szx: 2, requestTag: [2]);
        harness.SendBlock(first, 1, szx: 2, requestTag: [1]);
        harness.SendBlock(second, 1, szx: 2, requestTag: [2]);
        harness.SendBlock(second, 2, szx: 2, requestTag: [2]);
        harness.SendBlock(first, 2, szx: 2, requestTag: [1]);

        Assert.Equal(2, harness.Calls);
        Assert.Equal(second, harness.Bodies[0]);
        Assert.Equal(first, harness.Bodies[1]);
        Assert.All(harness.Take(), m => Assert.True(m.Code == CoapCode.Continue || m.Code == CoapCode.Changed));
    }

    [Fact]
    public async Task NonConfirmableBlocks_AreAnsweredWithNon231_AndTheFinalResponse()
    {
        await using var harness = new InboundHarness();
        var body = InboundHarness.Body(64 + 3);

        harness.SendBlock(body, 0, szx: 2, type: CoapMessageType.NonConfirmable, token: [0xA0]);
        harness.SendBlock(body, 1, szx: 2, type: CoapMessageType.NonConfirmable, token: [0xA1]);

        var answers = harness.Take();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, m => Assert.Equal(CoapMessageType.NonConfirmable, m.Type));
        Assert.Equal(CoapCode.Continue, answers[0].Code);
        Assert.Equal([0xA0], answers[0].Token.ToArray());
        Assert.Equal(CoapCode.Changed, answers[1].Code);
        Assert.Equal([0xA1], answers[1].Token.ToArray());
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task DisposingTheEndpoint_FreesEveryPartialBody()
    {
        var harness = new InboundHarness();
        harness.SendBlock(InboundHarness.Body(64 * 3), 0, szx: 2);
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);

        await harness.DisposeAsync();

        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
        Assert.Equal(0, harness.Time.ScheduledTimerCount);
    }
}
