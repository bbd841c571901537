using static Coap.Tests.BlockWise.EndToEnd.TransferSettings;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// A large request body answered with a large response body: Q-Block1 then Q-Block2 (RFC 9177 §4.4, Figures 12–16)
/// and Block1 then Block2 (RFC 7959 §3.2), between our client and our server on the lossy simulated network. The
/// action runs once, and the requests for later response blocks carry no body.
/// </summary>
public sealed class LargeBodyBothWaysTests
{
    private const int Size = 256 * 1024;

    [Theory]
    [InlineData(0.0, 61)]
    [InlineData(0.10, 62)]
    [InlineData(0.30, 63)]
    public async Task QBlock1_post_answered_with_a_QBlock2_body_is_assembled(double loss, int seed)
    {
        await using var harness = new TransferHarness(Size, seed, loss, messaging: Resilient, blockWise: Persistent);
        var request = CoapRequest.Post(TransferHarness.Uri("q/transform")).WithPayload(harness.Body, CoapContentFormat.OctetStream).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(harness.Body.Length, response.Payload.Length);
        Assert.True(response.Payload.Span.SequenceEqual(TransferHarness.Transform(harness.Body)));
        Assert.Equal(1, harness.Transforms);
        Assert.False(response.Options.Contains(CoapOptionNumber.QBlock2));
        AssertQBlockOnly(harness, CoapOptionNumber.QBlock1);
        AssertUsed(harness, CoapOptionNumber.QBlock2);
        AssertLaterRequestsCarryNoBody(harness);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }

    [Fact]
    public async Task QBlock1_fetch_answered_with_a_QBlock2_body_is_assembled_under_loss()
    {
        await using var harness = new TransferHarness(Size, seed: 64, loss: 0.10, messaging: Resilient, blockWise: Persistent);
        var request = CoapRequest.Fetch(TransferHarness.Uri("q/transform")).WithPayload(harness.Body, CoapContentFormat.OctetStream).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(TransferHarness.Transform(harness.Body)));
        Assert.Equal(1, harness.Transforms);
        AssertLaterRequestsCarryNoBody(harness);
    }

    [Theory]
    [InlineData(0.0, 71)]
    [InlineData(0.10, 72)]
    public async Task Block1_post_answered_with_a_Block2_body_is_assembled(double loss, int seed)
    {
        await using var harness = new TransferHarness(Size, seed, loss, messaging: Resilient, blockWise: Patient);
        var request = CoapRequest.Post(TransferHarness.Uri("transform")).WithPayload(harness.Body, CoapContentFormat.OctetStream);
        request.UseQBlock = false;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(TransferHarness.Transform(harness.Body)));
        Assert.Equal(1, harness.Transforms);
        AssertUsed(harness, CoapOptionNumber.Block2);
        var followUps = FromClient(harness)
            .Where(m => m.Options.TryGet(CoapOptionNumber.Block2, out var option) && CoapBlock.TryDecode(option.Value.Span, out var block) && block.Number > 0)
            .ToList();
        Assert.NotEmpty(followUps);
        Assert.All(followUps, m => Assert.True(m.Payload.IsEmpty));
    }

    [Fact]
    public async Task Missing_block_request_for_a_response_no_longer_kept_gets_4_08_and_the_action_does_not_run_again()
    {
        await using var harness = new TransferHarness(16 * 1024, seed: 65, loss: 0);
        var upload = CoapRequest.Post(TransferHarness.Uri("q/transform")).WithPayload(harness.Body, CoapContentFormat.OctetStream).AsNonConfirmable();
        upload.UseQBlock = true;
        await harness.RunAsync(harness.Client.SendAsync(upload));
        Assert.True(FromClient(harness).First(m => m.Options.Contains(CoapOptionNumber.QBlock1)).Options.TryGet(CoapOptionNumber.RequestTag, out var tagOption));
        var tag = tagOption.Value;

        // Figure 16: the body is named by its Request-Tag, not sent again. While the response is kept, block 1 comes from it.
        var kept = await harness.RunAsync(harness.Client.SendAsync(MissingBlockRequest(tag)));
        Assert.Equal(CoapCode.Changed, kept.Code);
        Assert.True(kept.Payload.Span.SequenceEqual(TransferHarness.Transform(harness.Body).AsSpan(1024, 1024)));

        harness.Time.Advance(new CoapQBlockOptions().NonPartialTimeout + TimeSpan.FromSeconds(1));
        var gone = await harness.RunAsync(harness.Client.SendAsync(MissingBlockRequest(tag)));

        Assert.Equal(CoapCode.RequestEntityIncomplete, gone.Code);
        Assert.Equal(1, harness.Transforms);
    }

    private static CoapRequest MissingBlockRequest(ReadOnlyMemory<byte> tag)
    {
        var request = CoapRequest.Post(TransferHarness.Uri("q/transform")).AsNonConfirmable();
        request.Options.Add(CoapOptionNumber.ContentFormat, CoapContentFormat.OctetStream);
        request.Options.Add(CoapOptionNumber.RequestTag, tag);
        request.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(1, more: false, sizeExponent: 6).Value);
        return request;
    }

    /// <summary>Requests with Q-Block2 (missing blocks, 'Continue') name the body by Request-Tag and do not repeat it (Figure 16).</summary>
    private static void AssertLaterRequestsCarryNoBody(TransferHarness harness)
    {
        var later = FromClient(harness).Where(m => m.Options.Contains(CoapOptionNumber.QBlock2) && m.Code != CoapCode.Get).ToList();
        Assert.All(later, m =>
        {
            Assert.True(m.Payload.IsEmpty);
            Assert.True(m.Options.Contains(CoapOptionNumber.RequestTag));
        });
    }
}
