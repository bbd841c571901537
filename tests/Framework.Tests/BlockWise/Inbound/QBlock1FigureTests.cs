namespace Coap.Tests.BlockWise.Inbound;

/// <summary>
/// The Q-Block1 worked examples of RFC 9177 (seeds-app.md §1.6) replayed at the server, message by message.
/// Message IDs and tokens in the figures are the client's; the server's own message IDs are not asserted,
/// its codes, tokens, options and payloads are. MAX_PAYLOADS 10, NON_MAX_RETRANSMIT 4, NON_RECEIVE_TIMEOUT 4 s.
/// </summary>
public sealed class QBlock1FigureTests
{
    private const int Szx1024 = 6;
    private static readonly TimeSpan NonReceiveTimeout = TimeSpan.FromSeconds(4);

    internal static InboundHarness Create(Action<CoapBlockWiseOptions>? configure = null, bool observable = false) => new(
        o =>
        {
            o.QBlock.Enabled = true;
            o.QBlock.AllowNoSec = true;
            configure?.Invoke(o);
        },
        observable: observable);

    internal static ushort Send(InboundHarness harness, byte[] body, int number, byte token, byte tag, CoapMessageType type = CoapMessageType.NonConfirmable, CoapCode? method = null, uint? observe = null) =>
        harness.SendBlock(body, number, Szx1024, CoapOptionNumber.QBlock1, type, method, [token], [tag], size1: true, path: "path", observe: observe);

    [Fact]
    public async Task Figure3_NonPutWithoutLoss_OneFinal204OnTheLastToken()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((3 * 1024) + 100);

        for (var number = 0; number < 4; number++)
        {
            Send(harness, body, number, (byte)(0xc0 + number), 9);
        }

        var final = Assert.Single(harness.Take());
        Assert.Equal(CoapMessageType.NonConfirmable, final.Type);
        Assert.Equal(CoapCode.Changed, final.Code);
        Assert.Equal([0xc3], final.Token.ToArray());
        Assert.Equal(1, harness.Calls);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Figure4_QB15_MoreThanMaxPayloads_One231AfterTheSet_OnTheTokenOfBlock9()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((10 * 1024) + 1);

        for (var number = 0; number < 10; number++)
        {
            Send(harness, body, number, (byte)(0xf1 + number), 10);
        }

        var cont = Assert.Single(harness.Take());
        Assert.Equal(CoapMessageType.NonConfirmable, cont.Type);
        Assert.Equal(CoapCode.Continue, cont.Code);
        Assert.Equal([0xfa], cont.Token.ToArray());
        Assert.Equal(new CoapBlock(9, true, Szx1024), InboundHarness.BlockOf(cont, CoapOptionNumber.QBlock1));

        Send(harness, body, 10, 0xfb, 10);

        var final = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Changed, final.Code);
        Assert.Equal([0xfb], final.Token.ToArray());
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Figures5And6_QB16_QB55_LossInTwoSets_408AtOnceThenAfterTimeout_ThenTheFinal204()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((12 * 1024) + 512);

        // Figure 5: blocks 1, 9 and 10 are lost.
        Send(harness, body, 0, 0xe1, 11);
        for (var number = 2; number <= 8; number++)
        {
            Send(harness, body, number, (byte)(0xe1 + number), 11);
        }

        harness.Time.Advance(TimeSpan.FromSeconds(2.5)); // NON_TIMEOUT_RANDOM at the client: shorter than NON_RECEIVE_TIMEOUT
        Assert.Empty(harness.Take());
        Send(harness, body, 11, 0xec, 11);

        // Figure 6: the first block of the next set shows the holes of the first one.
        var missing = Assert.Single(harness.Take());
        AssertMissing(missing, 0xec, 0x01, 0x09);

        Send(harness, body, 1, 0xed, 11);
        Send(harness, body, 9, 0xee, 11);
        Send(harness, body, 12, 0xef, 11);
        Assert.Empty(harness.Take());

        harness.Time.Advance(NonReceiveTimeout);
        AssertMissing(Assert.Single(harness.Take()), 0xef, 0x0a);

        Send(harness, body, 10, 0xf0, 11);

        var final = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Changed, final.Code);
        Assert.Equal([0xf0], final.Token.ToArray());
        Assert.Equal(1, harness.Calls);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Figure7_QB16_RecoveryFails_408AfterDoublingWaits_ThenThePartialBodyIsReleased()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((2 * 1024) + 10);
        Send(harness, body, 0, 0xd0, 12);
        Send(harness, body, 2, 0xd2, 12);

        var wait = NonReceiveTimeout;
        for (var retry = 1; retry <= 4; retry++)
        {
            harness.Time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Empty(harness.Take());
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            AssertMissing(Assert.Single(harness.Take()), 0xd2, 0x01);
            wait *= 2;
        }

        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);
        harness.Time.Advance(wait);

        Assert.Empty(harness.Take());
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
        Assert.Equal(0, harness.Calls);
    }

    [Fact]
    public async Task Figures14And15_QB14_NonFetchWithObserve_408ListsBothHoles_ThenOneFinal205()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((3 * 1024) + 7);

        Send(harness, body, 0, 0xc0, 31, method: CoapCode.Fetch, observe: 0);
        Send(harness, body, 3, 0xc3, 31, method: CoapCode.Fetch, observe: 0);
        Assert.Empty(harness.Take());

        harness.Time.Advance(NonReceiveTimeout);
        AssertMissing(Assert.Single(harness.Take()), 0xc3, 0x01, 0x02);

        Send(harness, body, 1, 0xc4, 31, method: CoapCode.Fetch, observe: 0);
        Send(harness, body, 2, 0xc5, 31, method: CoapCode.Fetch, observe: 0);

        // Figure 15 answers on T:0xc3; QB-14 allows any token received for the body and prefers the
        // last one, which is what the server uses: T:0xc5.
        var final = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Content, final.Code);
        Assert.Equal([0xc5], final.Token.ToArray());
        Assert.Equal(1, harness.Calls);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task QB26_FetchWithObserveAndQBlock1_RegistersOnTheTokenOfThe205_AndNotifiesOnIt()
    {
        await using var harness = Create(observable: true);
        var body = InboundHarness.Body(1024 + 9);

        Send(harness, body, 0, 0x90, 30, method: CoapCode.Fetch, observe: 0);
        Send(harness, body, 1, 0x93, 30, method: CoapCode.Fetch, observe: 0);

        var first = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.Content, first.Code);
        Assert.Equal([0x93], first.Token.ToArray());
        Assert.NotNull(first.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(1, harness.Observations!.GetObserverCount("/path"));

        var before = harness.Observations.CompletedRenderings;
        harness.Observations.Notify("/path");
        Observe.ObserveHarness.WaitFor(() => harness.Observations.CompletedRenderings > before); // rendering runs on the thread pool

        var notification = Assert.Single(harness.Take());
        Assert.Equal([0x93], notification.Token.ToArray());
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task Figure17_QB15_ConPut_EmptyAckPerBlock_No231_AndThePiggybackedFinal204()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((10 * 1024) + 1);
        var ids = new List<ushort>();

        for (var number = 0; number < 11; number++)
        {
            ids.Add(Send(harness, body, number, (byte)(0xf0 + number), 10, CoapMessageType.Confirmable));
        }

        var answers = harness.Take();
        Assert.Equal(11, answers.Count);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(CoapMessageType.Acknowledgement, answers[i].Type);
            Assert.Equal(CoapCode.Empty, answers[i].Code);
            Assert.Equal(ids[i], answers[i].MessageId);
        }

        Assert.Equal(CoapMessageType.Acknowledgement, answers[10].Type);
        Assert.Equal(CoapCode.Changed, answers[10].Code);
        Assert.Equal(ids[10], answers[10].MessageId);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task QB54_After231_SilenceForNonReceiveTimeout_Asks408ForTheNextSet()
    {
        await using var harness = Create();
        var body = InboundHarness.Body(20 * 1024);
        for (var number = 0; number < 10; number++)
        {
            Send(harness, body, number, (byte)number, 20);
        }

        Assert.Equal(CoapCode.Continue, Assert.Single(harness.Take()).Code);
        harness.Time.Advance(NonReceiveTimeout);

        AssertMissing(Assert.Single(harness.Take()), 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    [Fact]
    public async Task QB21_DuplicateBlocks_AreIgnoredButAnswered_AndTheActionRunsOnce()
    {
        await using var harness = Create();
        var body = InboundHarness.Body(1024 + 5);

        Send(harness, body, 0, 0x10, 21, CoapMessageType.Confirmable);
        Send(harness, body, 0, 0x11, 21, CoapMessageType.Confirmable);
        Send(harness, body, 1, 0x12, 21, CoapMessageType.Confirmable);
        Send(harness, body, 1, 0x13, 21, CoapMessageType.Confirmable);

        var answers = harness.Take();
        Assert.Equal(4, answers.Count);
        Assert.Equal(CoapCode.Empty, answers[0].Code);
        Assert.Equal(CoapCode.Empty, answers[1].Code);
        Assert.Equal(CoapCode.Changed, answers[2].Code);
        // A late copy after the action answered: the same final response again (its first may have been lost), the action not run.
        Assert.Equal(CoapCode.Changed, answers[3].Code);
        Assert.Equal(answers[2].Payload.ToArray(), answers[3].Payload.ToArray());
        Assert.Equal(1, harness.Calls);
        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task QB21_FinishedBodiesRemembered_AreBounded_TheOldestIsForgotten()
    {
        await using var harness = Create(o => o.MaxFinishedBodies = 1);
        var body = InboundHarness.Body(1024 + 5);
        Send(harness, body, 0, 0x20, 31);
        Send(harness, body, 1, 0x21, 31);
        Send(harness, body, 0, 0x22, 32);
        Send(harness, body, 1, 0x23, 32);
        Assert.Equal(2, harness.Take().Count(m => m.Code == CoapCode.Changed));

        // Request-Tag 32 is still remembered: its late block gets the final response again.
        Send(harness, body, 1, 0x24, 32);
        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Take()).Code);

        // Request-Tag 31 was forgotten: its late block starts a new body, which waits for block 0.
        Send(harness, body, 1, 0x25, 31);
        Assert.Empty(harness.Take());
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(2, harness.Calls);
    }

    [Fact]
    public async Task QB22_ResetAnsweringThe408_DropsThePartialBody()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((2 * 1024) + 10);
        Send(harness, body, 0, 0xd0, 12);
        Send(harness, body, 2, 0xd2, 12);
        harness.Time.Advance(NonReceiveTimeout);
        var missing = Assert.Single(harness.Take());

        harness.Send(new CoapMessage { Type = CoapMessageType.Reset, Code = CoapCode.Empty, MessageId = missing.MessageId });

        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(harness.Take());
    }

    [Fact]
    public async Task QB23_PartialBodyIsDroppedAfterNonPartialTimeout()
    {
        await using var harness = Create();
        var body = InboundHarness.Body(3 * 1024);
        Send(harness, body, 0, 0x01, 23, CoapMessageType.Confirmable);
        harness.Take();

        harness.Time.Advance(TimeSpan.FromSeconds(246));
        Assert.Equal(1, harness.Server.InboundTransfers.ActiveCount);
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
    }

    [Fact]
    public async Task QB24_TwoRequestTagsForOneResource_AreTwoBodies()
    {
        await using var harness = Create();
        var first = InboundHarness.Body(1024 + 1);
        var second = first.Select(b => (byte)(b ^ 0x55)).ToArray();

        Send(harness, first, 0, 0x01, 1);
        Send(harness, second, 0, 0x02, 2);
        Send(harness, second, 1, 0x03, 2);
        Send(harness, first, 1, 0x04, 1);

        Assert.Equal(2, harness.Calls);
        Assert.Equal(second, harness.Bodies[0]);
        Assert.Equal(first, harness.Bodies[1]);
    }

    [Fact]
    public async Task BlocksArriveInAnyOrder_TheBodyIsIntact()
    {
        await using var harness = Create();
        var body = InboundHarness.Body((4 * 1024) + 300);

        foreach (var number in new[] { 4, 2, 0, 3, 1 })
        {
            Send(harness, body, number, (byte)number, 7);
        }

        Assert.Equal(body, Assert.Single(harness.Bodies));
    }

    [Fact]
    public async Task QBlockBodyAboveMaxBodySize_Gets413WithSize1()
    {
        await using var harness = Create(o => o.MaxBodySize = 2048);

        Send(harness, InboundHarness.Body(3000), 0, 0x01, 1, CoapMessageType.Confirmable);

        var answer = Assert.Single(harness.Take());
        Assert.Equal(CoapCode.RequestEntityTooLarge, answer.Code);
        Assert.Equal(2048u, answer.Options.GetUInt(CoapOptionNumber.Size1));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
    }

    private static void AssertMissing(CoapMessage message, byte token, params byte[] payload)
    {
        Assert.Equal(CoapMessageType.NonConfirmable, message.Type);
        Assert.Equal(CoapCode.RequestEntityIncomplete, message.Code);
        Assert.Equal([token], message.Token.ToArray());
        Assert.Equal(CoapContentFormat.MissingBlocksCborSeq, (ushort)message.Options.GetUInt(CoapOptionNumber.ContentFormat)!);
        Assert.Equal(payload, message.Payload.ToArray());
    }
}
