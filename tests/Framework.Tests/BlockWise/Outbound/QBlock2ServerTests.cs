using System.Diagnostics;
using System.Net;
using Coap.Transport;

namespace Coap.Tests.BlockWise.Outbound;

/// <summary>
/// The server side of Q-Block2 (RFC 9177 §4.4, §4.5, §7.2; seeds-app.md §9.1 S6–S11), with the worked examples of
/// seeds-app.md §1.6 replayed message by message at the server (MAX_PAYLOADS 10, block size 1024).
/// </summary>
public sealed class QBlock2ServerTests
{
    private const int Szx1024 = 6;

    [Fact]
    public async Task Figure8_NonGetWithObserve_AllPayloadsCarryObserveETagSize2_ThenANotificationBody()
    {
        var (harness, observations) = Start(3 * 1024 + 500);
        await using var _ = harness;

        // NON GET /path T:0xc0 O:0 QB2:0/1/1024
        var first = harness.Exchange(harness.QRequest("temp", 0xc0, CoapMessageType.NonConfirmable, 0, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(4, first.Count);
        var observe = first[0].Options.GetUInt(CoapOptionNumber.Observe);
        Assert.NotNull(observe);
        var etag = BlockServerHarness.ETagOf(first[0]);
        for (var i = 0; i < 4; i++)
        {
            AssertPayload(harness, first[i], CoapMessageType.NonConfirmable, 0xc0, observe, etag, i, more: i < 3);
        }

        // [[Observe triggered]]: a new body, new ETag, next Observe value, same token, all four payloads.
        harness.Body = BlockServerHarness.MakeBody(3 * 1024 + 500);
        harness.Body[0] ^= 0xFF;
        var notifications = Trigger(harness, observations, 4);
        var nextObserve = notifications[0].Options.GetUInt(CoapOptionNumber.Observe);
        Assert.True(nextObserve > observe);
        var nextEtag = BlockServerHarness.ETagOf(notifications[0]);
        Assert.NotEqual(etag, nextEtag);
        for (var i = 0; i < 4; i++)
        {
            AssertPayload(harness, notifications[i], notifications[0].Type, 0xc0, nextObserve, nextEtag, i, more: i < 3);
        }
    }

    [Fact]
    public async Task Figure9_MoreThanMaxPayloads_ContinueGetsTheNextSetAtOnceWithTheOriginalToken()
    {
        var (harness, observations) = Start(10 * 1024 + 300);
        await using var _ = harness;

        var first = harness.Exchange(harness.QRequest("temp", 0xf0, CoapMessageType.NonConfirmable, 0, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(10, first.Count);
        var observe = first[0].Options.GetUInt(CoapOptionNumber.Observe);
        var etag = BlockServerHarness.ETagOf(first[0]);
        for (var i = 0; i < 10; i++)
        {
            AssertPayload(harness, first[i], CoapMessageType.NonConfirmable, 0xf0, observe, etag, i, more: true);
        }

        // 'Continue' NON GET T:0xf1 QB2:10/1/1024 (no Observe) → NON 2.05 T:0xf0 O:same ET:same QB2:10/0/1024, at once.
        var rest = harness.Exchange(harness.QRequest("temp", 0xf1, CoapMessageType.NonConfirmable, null, new CoapBlock(10, true, Szx1024)));
        var last = Assert.Single(rest);
        AssertPayload(harness, last, CoapMessageType.NonConfirmable, 0xf0, observe, etag, 10, more: false);

        // The pause would have sent nothing more: the body is complete.
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(harness.Since(harness.Count));

        // [[Observe triggered]]: ten payloads, then 'Continue' T:0xf2 → block 10 with T:0xf0 and the new Observe.
        harness.Body = BlockServerHarness.MakeBody(10 * 1024 + 300);
        harness.Body[5] ^= 0xFF;
        var notification = Trigger(harness, observations, 10);
        var nextObserve = notification[0].Options.GetUInt(CoapOptionNumber.Observe);
        var nextEtag = BlockServerHarness.ETagOf(notification[0]);
        Assert.NotEqual(etag, nextEtag);
        Assert.All(notification, m => Assert.Equal(nextObserve, m.Options.GetUInt(CoapOptionNumber.Observe)));
        var tail = Assert.Single(harness.Exchange(harness.QRequest("temp", 0xf2, CoapMessageType.NonConfirmable, null, new CoapBlock(10, true, Szx1024))));
        AssertPayload(harness, tail, notification[0].Type, 0xf0, nextObserve, nextEtag, 10, more: false);
    }

    [Fact]
    public async Task Figure10_PauseThenNextSet_MissingBlocksAnsweredWithRequestersTokenWithoutObserve()
    {
        var (harness, _) = Start(10 * 1024 + 300);
        await using var __ = harness;
        var first = harness.Exchange(harness.QRequest("temp", 0xf0, CoapMessageType.NonConfirmable, 0, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(10, first.Count);
        var observe = first[0].Options.GetUInt(CoapOptionNumber.Observe);
        var etag = BlockServerHarness.ETagOf(first[0]);

        // [[NON_TIMEOUT_RANDOM (server) delay expires]] → QB2:10/0/1024 with T:0xf0.
        var before = harness.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        var next = Assert.Single(harness.Since(before));
        AssertPayload(harness, next, CoapMessageType.NonConfirmable, 0xf0, observe, etag, 10, more: false);

        // NON GET T:0xf3 QB2:1/0/1024 QB2:9/0/1024 → 1/1 and 9/1 with T:0xf3, no Observe (QB-41, QB-44).
        var missing = harness.Exchange(harness.QRequest("temp", 0xf3, CoapMessageType.NonConfirmable, null,
            new CoapBlock(1, false, Szx1024), new CoapBlock(9, false, Szx1024)));
        Assert.Equal(2, missing.Count);
        AssertPayload(harness, missing[0], CoapMessageType.NonConfirmable, 0xf3, null, etag, 1, more: true);
        AssertPayload(harness, missing[1], CoapMessageType.NonConfirmable, 0xf3, null, etag, 9, more: true);

        // NON GET T:0xf4 QB2:1/0/1024 → 1/1 with T:0xf4.
        var again = Assert.Single(harness.Exchange(harness.QRequest("temp", 0xf4, CoapMessageType.NonConfirmable, null, new CoapBlock(1, false, Szx1024))));
        AssertPayload(harness, again, CoapMessageType.NonConfirmable, 0xf4, null, etag, 1, more: true);
    }

    [Fact]
    public async Task Figure11_MissingWithMBit_SendsTheRestOfTheSet_LateContinueUsesTheOriginalTokenAndObserve()
    {
        var (harness, _) = Start(10 * 1024 + 300);
        await using var __ = harness;
        var first = harness.Exchange(harness.QRequest("temp", 0xf0, CoapMessageType.NonConfirmable, 0, new CoapBlock(0, true, Szx1024)));
        var observe = first[0].Options.GetUInt(CoapOptionNumber.Observe);
        var etag = BlockServerHarness.ETagOf(first[0]);
        harness.Time.Advance(TimeSpan.FromSeconds(3));

        // NON GET T:0xf5 QB2:2/1/1024 → 2..9 with T:0xf5, each M=1, no Observe (QB-30 row "any other NUM, M=1").
        var set = harness.Exchange(harness.QRequest("temp", 0xf5, CoapMessageType.NonConfirmable, null, new CoapBlock(2, true, Szx1024)));
        Assert.Equal(8, set.Count);
        for (var i = 0; i < 8; i++)
        {
            AssertPayload(harness, set[i], CoapMessageType.NonConfirmable, 0xf5, null, etag, 2 + i, more: true);
        }

        // 'Continue' T:0xf6 QB2:10/1/1024 → 10/0 with T:0xf0 and the body's Observe.
        var tail = Assert.Single(harness.Exchange(harness.QRequest("temp", 0xf6, CoapMessageType.NonConfirmable, null, new CoapBlock(10, true, Szx1024))));
        AssertPayload(harness, tail, CoapMessageType.NonConfirmable, 0xf0, observe, etag, 10, more: false);
    }

    [Fact]
    public async Task Figure13_ServerPart_FetchWithQBlock1_ResponseInQBlock2Sets_ContinueKeepsTheToken()
    {
        var (harness, observations) = Start(10 * 1024 + 300);
        await using var _ = harness;

        // The request body is one Q-Block1 block here (reassembly is the request side's part): NON FETCH T:0xaa O:0 RT=10 QB1:0/0/1024.
        var fetch = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Fetch, MessageId = 0x3a, Token = new byte[] { 0xaa } };
        fetch.Options.Add(CoapOptionNumber.Observe, 0u);
        fetch.Options.Add(CoapOptionNumber.UriPath, "temp");
        fetch.Options.Add(CoapOptionNumber.QBlock1, new CoapBlock(0, false, Szx1024).Value);
        fetch.Options.Add(CoapOptionNumber.Size1, 6u);
        fetch.Options.Add(CoapOptionNumber.RequestTag, new byte[] { 0x10 });
        fetch.Payload = "filter"u8.ToArray();
        var first = harness.Exchange(fetch);

        // QB-04: the request carried Q-Block1, so the response goes with Q-Block2: 0..9 with T:0xaa, one Observe and ETag.
        Assert.Equal(10, first.Count);
        var observe = first[0].Options.GetUInt(CoapOptionNumber.Observe);
        Assert.NotNull(observe);
        var etag = BlockServerHarness.ETagOf(first[0]);
        for (var i = 0; i < 10; i++)
        {
            AssertPayload(harness, first[i], CoapMessageType.NonConfirmable, 0xaa, observe, etag, i, more: true);
        }

        // NON FETCH T:0xab QB2:10/1/1024 → NON 2.05 T:0xaa O:same QB2:10/0/1024 ("the server continues to use the same token").
        var tail = Assert.Single(harness.Exchange(Continue(0xab, 10)));
        AssertPayload(harness, tail, CoapMessageType.NonConfirmable, 0xaa, observe, etag, 10, more: false);

        // [[Observe triggered]] → 0..9 with T:0xaa and the next Observe; 'Continue' T:0xac → 10/0 with T:0xaa.
        harness.Body = BlockServerHarness.MakeBody(10 * 1024 + 300);
        harness.Body[9] ^= 0xFF;
        var notification = Trigger(harness, observations, 10);
        var nextObserve = notification[0].Options.GetUInt(CoapOptionNumber.Observe);
        Assert.True(nextObserve > observe);
        var nextEtag = BlockServerHarness.ETagOf(notification[0]);
        for (var i = 0; i < 10; i++)
        {
            AssertPayload(harness, notification[i], notification[0].Type, 0xaa, nextObserve, nextEtag, i, more: true);
        }

        var last = Assert.Single(harness.Exchange(Continue(0xac, 10)));
        AssertPayload(harness, last, notification[0].Type, 0xaa, nextObserve, nextEtag, 10, more: false);

        static CoapMessage Continue(byte token, int number)
        {
            var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Fetch, MessageId = (ushort)(0x3b + token), Token = new[] { token } };
            message.Options.Add(CoapOptionNumber.UriPath, "temp");
            message.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(number, true, Szx1024).Value);
            return message;
        }
    }

    [Fact]
    public async Task Figure19_Con_FirstPayloadPiggybacked_RestConRetransmitted()
    {
        var (harness, _) = Start(3 * 1024 + 500);
        await using var __ = harness;
        var request = harness.QRequest("temp", 0xf0, CoapMessageType.Confirmable, 0, new CoapBlock(0, true, Szx1024));
        var replies = harness.Exchange(request);
        Assert.Equal(4, replies.Count);
        var observe = replies[0].Options.GetUInt(CoapOptionNumber.Observe);
        var etag = BlockServerHarness.ETagOf(replies[0]);
        AssertPayload(harness, replies[0], CoapMessageType.Acknowledgement, 0xf0, observe, etag, 0, more: true);
        Assert.Equal(request.MessageId, replies[0].MessageId);
        for (var i = 1; i < 4; i++)
        {
            AssertPayload(harness, replies[i], CoapMessageType.Confirmable, 0xf0, observe, etag, i, more: i < 3);
        }

        // ACK 1 and 3; block 2 is retransmitted after ACK_TIMEOUT (QB-43: CON payloads are reliable).
        harness.Send(new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.Empty, MessageId = replies[1].MessageId });
        harness.Send(new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.Empty, MessageId = replies[3].MessageId });
        var before = harness.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(3.1));
        var retransmitted = Assert.Single(harness.Since(before));
        Assert.Equal(replies[2].MessageId, retransmitted.MessageId);
        AssertPayload(harness, retransmitted, CoapMessageType.Confirmable, 0xf0, observe, etag, 2, more: true);
    }

    [Fact]
    public async Task QB43_ConPayloadReset_EndsTheTransfer()
    {
        var (harness, _) = Start(20 * 1024);
        await using var __ = harness;
        var replies = harness.Exchange(harness.QRequest("big", 0xa1, CoapMessageType.Confirmable, null, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(10, replies.Count);
        harness.Send(new CoapMessage { Type = CoapMessageType.Reset, Code = CoapCode.Empty, MessageId = replies[5].MessageId });
        var before = harness.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(harness.Since(before), m => BlockServerHarness.BlockOf(m, CoapOptionNumber.QBlock2).Number >= 10);
    }

    [Fact]
    public async Task QB52_WithoutContinue_TheNextSetWaitsNonTimeoutRandom_Between2And3Seconds()
    {
        var (harness, _) = Start(10 * 1024 + 300);
        await using var __ = harness;
        var first = harness.Exchange(harness.QRequest("big", 0x51, CoapMessageType.NonConfirmable, null, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(10, first.Count);

        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(10);
        var before = harness.Count;
        while (harness.Count == before)
        {
            Assert.True(waited < TimeSpan.FromSeconds(4), "block 10 never came");
            harness.Time.Advance(step);
            waited += step;
        }

        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3) + step);
        Assert.Equal(10, BlockServerHarness.BlockOf(Assert.Single(harness.Since(before)), CoapOptionNumber.QBlock2).Number);
    }

    [Fact]
    public async Task QB31_OverlappingRequestsSendEachBlockOnce_QB34_NonIncreasingIs400()
    {
        var (harness, _) = Start(25 * 1024);
        await using var __ = harness;
        harness.Exchange(harness.QRequest("big", 0x61, CoapMessageType.NonConfirmable, null, new CoapBlock(0, true, Szx1024)));

        // 3/0 lies inside 2/1's set (2..9) and 12/0 is separate: 2..9 and 12, each once.
        var replies = harness.Exchange(harness.QRequest("big", 0x62, CoapMessageType.NonConfirmable, null,
            new CoapBlock(2, true, Szx1024), new CoapBlock(3, false, Szx1024), new CoapBlock(12, false, Szx1024)));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 12], replies.Select(m => BlockServerHarness.BlockOf(m, CoapOptionNumber.QBlock2).Number));

        var bad = Assert.Single(harness.Exchange(harness.QRequest("big", 0x63, CoapMessageType.NonConfirmable, null,
            new CoapBlock(5, false, Szx1024), new CoapBlock(3, false, Szx1024))));
        Assert.Equal(CoapCode.BadRequest, bad.Code);
    }

    [Fact]
    public async Task QB39_BodyNoLongerKept_MissingBlockGetsTheNewRepresentation()
    {
        var (harness, _) = Start(12 * 1024, o => o.QBlock.NonPartialTimeout = TimeSpan.FromSeconds(10));
        await using var __ = harness;
        var first = harness.Exchange(harness.QRequest("big", 0x71, CoapMessageType.NonConfirmable, null, new CoapBlock(0, true, Szx1024)));
        var etag = BlockServerHarness.ETagOf(first[0]);
        harness.Time.Advance(TimeSpan.FromSeconds(15));

        harness.Body = BlockServerHarness.MakeBody(13 * 1024);
        harness.Body[0] ^= 0xFF;
        var calls = harness.Calls;
        var reply = Assert.Single(harness.Exchange(harness.QRequest("big", 0x72, CoapMessageType.NonConfirmable, null, new CoapBlock(4, false, Szx1024))));
        Assert.Equal(calls + 1, harness.Calls);
        Assert.NotEqual(etag, BlockServerHarness.ETagOf(reply));
        Assert.Equal((uint)(13 * 1024), reply.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal(4, BlockServerHarness.BlockOf(reply, CoapOptionNumber.QBlock2).Number);
    }

    [Fact]
    public async Task QB42_MulticastRequestWithQBlock2_IsIgnored()
    {
        var (harness, _) = Start(12 * 1024);
        await using var __ = harness;
        var request = harness.QRequest("big", 0x81, CoapMessageType.NonConfirmable, null, new CoapBlock(0, true, Szx1024));
        var before = harness.Count;
        harness.Server.OnDatagram(request.ToArray(), PeerAddress.FromEndPoint(BlockServerHarness.ClientAddress),
            new DatagramInfo(IPAddress.Parse("224.0.1.187"), 0));
        Assert.Empty(harness.Since(before));
        Assert.Equal(0, harness.Calls);
        Assert.Equal(0, harness.Server.InFlightRequests);
    }

    [Fact]
    public async Task S7_WithTheBodyCacheDisabled_TheWholeBodyIsStillPaced()
    {
        var (harness, _) = Start(12 * 1024, o => o.MaxCachedResponseBytes = 0);
        await using var __ = harness;
        var first = harness.Exchange(harness.QRequest("big", 0x91, CoapMessageType.NonConfirmable, null, new CoapBlock(0, true, Szx1024)));
        Assert.Equal(Enumerable.Range(0, 10), first.Select(m => BlockServerHarness.BlockOf(m, CoapOptionNumber.QBlock2).Number));
        var before = harness.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([10, 11], harness.Since(before).Select(m => BlockServerHarness.BlockOf(m, CoapOptionNumber.QBlock2).Number));
        Assert.Equal(0, harness.Server.QBlockBodies.Count);
    }

    [Fact]
    public async Task QB04_WithoutQBlockOptionInTheRequest_Block2IsUsed()
    {
        var (harness, _) = Start(12 * 1024);
        await using var __ = harness;
        var reply = harness.Get("big");
        Assert.True(reply.Options.Contains(CoapOptionNumber.Block2));
        Assert.False(reply.Options.Contains(CoapOptionNumber.QBlock2));
    }

    private static (BlockServerHarness Harness, CoapObservations Observations) Start(int length, Action<CoapBlockWiseOptions>? configure = null)
    {
        var time = new TestUtilities.FakeTimeProvider();
        var observations = new CoapObservations(new CoapObservationOptions(), time);
        return (new BlockServerHarness(length, configure, observations: observations, time: time, qblock: true), observations);
    }

    private static List<CoapMessage> Trigger(BlockServerHarness harness, CoapObservations observations, int expected)
    {
        var before = harness.Count;
        observations.Notify("/temp");
        var watch = Stopwatch.StartNew();
        while (harness.Count < before + expected)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the notification body did not arrive");
            Thread.Sleep(1);
        }

        return harness.Since(before);
    }

    /// <summary>S6: code, type, token, Observe, ETag (QB-32), Size2 exact (QB-33), Content-Format, Q-Block2 NUM/M/SZX and the payload slice.</summary>
    private static void AssertPayload(BlockServerHarness harness, CoapMessage message, CoapMessageType type, byte token, uint? observe, byte[] etag, int number, bool more)
    {
        Assert.Equal(CoapCode.Content, message.Code);
        Assert.Equal(type, message.Type);
        Assert.Equal([token], message.Token.ToArray());
        Assert.Equal(observe, message.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal(etag, BlockServerHarness.ETagOf(message));
        Assert.Equal((uint)harness.Body.Length, message.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal((uint)CoapContentFormat.OctetStream, message.Options.GetUInt(CoapOptionNumber.ContentFormat));
        Assert.False(message.Options.Contains(CoapOptionNumber.Block2));
        Assert.Equal(new CoapBlock(number, more, Szx1024), BlockServerHarness.BlockOf(message, CoapOptionNumber.QBlock2));
        var offset = number * 1024;
        Assert.Equal(harness.Body.AsSpan(offset, Math.Min(1024, harness.Body.Length - offset)).ToArray(), message.Payload.ToArray());
    }
}
