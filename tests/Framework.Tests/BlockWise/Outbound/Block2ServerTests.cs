using System.Buffers;
using System.Runtime.InteropServices;
using Coap.BlockWise.Outbound;

namespace Coap.Tests.BlockWise.Outbound;

/// <summary>The server splitting large responses with Block2 (RFC 7959 §2.2, §2.4), with its body cache.</summary>
public sealed class Block2ServerTests
{
    [Fact]
    public async Task Rfc7959_2_4_LargeResponse_FirstBlockHasBlock2Size2AndETag()
    {
        await using var harness = new BlockServerHarness(3000);
        var first = harness.Get("big");

        Assert.Equal(CoapCode.Content, first.Code);
        Assert.Equal(new CoapBlock(0, true, 6), BlockServerHarness.BlockOf(first));
        Assert.Equal(3000u, first.Options.GetUInt(CoapOptionNumber.Size2));
        Assert.Equal(OutboundBody.GeneratedETagLength, BlockServerHarness.ETagOf(first).Length);
        Assert.Equal((uint)CoapContentFormat.OctetStream, first.Options.GetUInt(CoapOptionNumber.ContentFormat));
        Assert.Equal(harness.Body.AsSpan(0, 1024).ToArray(), first.Payload.ToArray());
    }

    [Theory]
    [InlineData("big")]
    [InlineData("written")]
    public async Task Rfc7959_2_4_ClientSzxHonoured_AllBlocksSameETag_HandlerRunsOnce(string path)
    {
        await using var harness = new BlockServerHarness(3000);
        var body = new List<byte>();
        var etags = new List<string>();
        var number = 0;
        while (true)
        {
            var reply = harness.Get(path, new CoapBlock(number, false, 2));
            var block = BlockServerHarness.BlockOf(reply);
            Assert.Equal(number, block.Number);
            Assert.Equal(64, block.Size);
            Assert.Equal(number == 0, reply.Options.Contains(CoapOptionNumber.Size2));
            etags.Add(Convert.ToHexString(BlockServerHarness.ETagOf(reply)));
            body.AddRange(reply.Payload.ToArray());
            if (!block.More)
            {
                break;
            }

            number++;
        }

        Assert.Equal(CoapBlock.CountBlocks(3000, 64) - 1, number);
        Assert.Equal(harness.Body, body.ToArray());
        Assert.Single(etags.Distinct());
        Assert.Equal(1, harness.Calls);
    }

    [Fact]
    public async Task DuplicateOfABlockServedFromTheCache_IsServedAgain_Identically_WithoutAKeptCopy()
    {
        // RFC 7252 §4.5 lets an idempotent request be processed again: the block is sliced from the kept body
        // again rather than a copy of every block's datagram being kept for EXCHANGE_LIFETIME.
        await using var harness = new BlockServerHarness(3000);
        harness.Get("big", new CoapBlock(0, false, 2));
        var request = harness.Request("big", new CoapBlock(1, false, 2), token: 0x43);

        var first = Assert.Single(harness.Exchange(request));
        var duplicate = Assert.Single(harness.Exchange(request));

        Assert.Equal(first.ToArray(), duplicate.ToArray());
        Assert.Equal(CoapMessageType.Acknowledgement, duplicate.Type);
        Assert.Equal(request.MessageId, duplicate.MessageId);
        Assert.Equal(1, harness.Calls);
    }

    [Fact]
    public async Task Rfc7959_2_4_BlockSizeIsTheSmallerOfClientsAndPreferred()
    {
        await using var harness = new BlockServerHarness(3000, o => o.PreferredBlockSize = 256);
        Assert.Equal(256, BlockServerHarness.BlockOf(harness.Get("big", new CoapBlock(0, false, 6))).Size);

        // A later block asked at 1024 is the same offset in 256-byte blocks: 1024 × 1 = 256 × 4.
        var reply = harness.Get("big", new CoapBlock(1, false, 6));
        Assert.Equal(new CoapBlock(4, true, 4), BlockServerHarness.BlockOf(reply));
        Assert.Equal(harness.Body.AsSpan(1024, 256).ToArray(), reply.Payload.ToArray());
    }

    [Fact]
    public async Task Rfc7959_2_4_ResponseThatFitsIsSentWhole_EvenWhenBlock2WasAsked()
    {
        await using var harness = new BlockServerHarness(3000);
        var reply = harness.Get("small", new CoapBlock(0, false, 2));
        Assert.False(reply.Options.Contains(CoapOptionNumber.Block2));
        Assert.Equal(40, reply.Payload.Length);

        var plain = harness.Get("small");
        Assert.False(plain.Options.Contains(CoapOptionNumber.Block2));
    }

    [Fact]
    public async Task Rfc7959_2_4_RandomAccess_CacheMissRunsHandlerAndSlices_ThenCacheServes()
    {
        await using var harness = new BlockServerHarness(3000);
        var fifth = harness.Get("big", new CoapBlock(5, false, 4));
        Assert.Equal(1, harness.Calls);
        Assert.Equal(new CoapBlock(5, true, 4), BlockServerHarness.BlockOf(fifth));
        Assert.Equal(harness.Body.AsSpan(5 * 256, 256).ToArray(), fifth.Payload.ToArray());
        Assert.False(fifth.Options.Contains(CoapOptionNumber.Size2));

        var third = harness.Get("big", new CoapBlock(3, false, 4));
        Assert.Equal(1, harness.Calls);
        Assert.Equal(harness.Body.AsSpan(3 * 256, 256).ToArray(), third.Payload.ToArray());
        Assert.Equal(BlockServerHarness.ETagOf(fifth), BlockServerHarness.ETagOf(third));

        var last = harness.Get("big", new CoapBlock(11, false, 4));
        Assert.False(BlockServerHarness.BlockOf(last).More);
        Assert.Equal(harness.Body.AsSpan(11 * 256).ToArray(), last.Payload.ToArray());
    }

    [Fact]
    public async Task Rfc7959_2_4_Size2OnLaterBlock_WhenRequestCarriesSize2()
    {
        await using var harness = new BlockServerHarness(3000);
        harness.Get("big");
        var reply = harness.Get("big", new CoapBlock(2, false, 6), size2: true);
        Assert.Equal(3000u, reply.Options.GetUInt(CoapOptionNumber.Size2));
    }

    [Fact]
    public async Task Rfc7959_2_2_BlockBeyondTheEnd_Is402BadOption()
    {
        await using var harness = new BlockServerHarness(3000);
        harness.Get("big");
        var beyond = harness.Get("big", new CoapBlock(3, false, 6));
        Assert.Equal(CoapCode.BadOption, beyond.Code);
        Assert.False(beyond.Options.Contains(CoapOptionNumber.Block2));
    }

    [Fact]
    public async Task ETag_GeneratedFromContent_StaysTheSameWhenReRendered_AndChangesWithTheBody()
    {
        await using var harness = new BlockServerHarness(3000, o => o.MaxCachedResponseBytes = 0);
        var a = BlockServerHarness.ETagOf(harness.Get("big"));
        var b = BlockServerHarness.ETagOf(harness.Get("big", new CoapBlock(1, false, 6)));
        Assert.Equal(2, harness.Calls);
        Assert.Equal(a, b);

        harness.Body = BlockServerHarness.MakeBody(3001);
        var c = BlockServerHarness.ETagOf(harness.Get("big"));
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task ETag_HandlersOwnETagIsUsedOnEveryBlock()
    {
        await using var harness = new BlockServerHarness(3000) { HandlerETag = [1, 2, 3] };
        Assert.Equal([1, 2, 3], BlockServerHarness.ETagOf(harness.Get("big")));
        var second = harness.Get("big", new CoapBlock(1, false, 6));
        Assert.Equal([1, 2, 3], BlockServerHarness.ETagOf(second));
        Assert.Single(second.Options.GetAll(CoapOptionNumber.ETag));
    }

    [Fact]
    public async Task Cache_IsBoundedInBytes_LeastRecentlyUsedGoesFirst()
    {
        await using var harness = new BlockServerHarness(3000, o => o.MaxCachedResponseBytes = 5000);
        harness.Get("big", query: "a=1");
        harness.Get("big", query: "a=2");
        Assert.True(harness.Server.ResponseBodies.Bytes <= 5000);
        Assert.Equal(1, harness.Server.ResponseBodies.Count);
        Assert.Equal(2, harness.Calls);

        harness.Get("big", new CoapBlock(1, false, 6), query: "a=2");
        Assert.Equal(2, harness.Calls);
        harness.Get("big", new CoapBlock(1, false, 6), query: "a=1");
        Assert.Equal(3, harness.Calls);
    }

    [Fact]
    public async Task Cache_EntriesExpireAfterTheLifetime()
    {
        await using var harness = new BlockServerHarness(3000, o => o.ResponseCacheLifetime = TimeSpan.FromSeconds(30));
        harness.Get("big");
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        harness.Get("big", new CoapBlock(1, false, 6));
        Assert.Equal(1, harness.Calls);

        // The lifetime counts from the last use.
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        harness.Get("big", new CoapBlock(2, false, 6));
        Assert.Equal(1, harness.Calls);

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        harness.Get("big", new CoapBlock(1, false, 6));
        Assert.Equal(2, harness.Calls);
        Assert.Equal(1, harness.Server.ResponseBodies.Count);
    }

    [Fact]
    public async Task Cache_IsPerPeer()
    {
        await using var harness = new BlockServerHarness(3000);
        harness.Get("big");
        var other = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.0.0.9"), 40009);
        var otherClient = harness.Network.CreateTransport(other);
        var request = harness.Request("big", new CoapBlock(1, false, 6));
        harness.Network.Inject(other, BlockServerHarness.ServerAddress, request.ToArray());
        Assert.Equal(2, harness.Calls);
        await otherClient.DisposeAsync();
    }

    [Fact]
    public async Task NonConfirmableRequest_GetsNonConfirmableBlock()
    {
        await using var harness = new BlockServerHarness(3000);
        var reply = harness.Get("big", type: CoapMessageType.NonConfirmable);
        Assert.Equal(CoapMessageType.NonConfirmable, reply.Type);
        Assert.True(BlockServerHarness.BlockOf(reply).More);
    }

    [Fact]
    public void SetPayload_IsKeptByReference_NoCopyOfAStaticImage()
    {
        var image = BlockServerHarness.MakeBody(1 << 20);
        var response = new CoapResponseWriter();
        response.SetPayload(image);
        var body = OutboundBody.Capture(response);
        Assert.True(MemoryMarshal.TryGetArray(body.Body, out var segment));
        Assert.Same(image, segment.Array);

        var written = new CoapResponseWriter();
        written.WritePayload(image.AsSpan(0, 100));
        var copied = OutboundBody.Capture(written);
        written.Reset();
        written.WritePayload(new byte[100]);
        Assert.Equal(image.AsSpan(0, 100).ToArray(), copied.Body.ToArray());
    }

    [Fact]
    public async Task BodyWriter_CompletedWriterIsUsableAgainAfterReset()
    {
        var response = new CoapResponseWriter();
        response.BodyWriter.Write("abc"u8);
        await response.BodyWriter.FlushAsync();
        await response.BodyWriter.CompleteAsync();
        Assert.Equal("abc"u8.ToArray(), response.Payload.ToArray());
        response.Reset();
        response.BodyWriter.Write("de"u8);
        Assert.Equal("de"u8.ToArray(), response.Payload.ToArray());
    }
}
