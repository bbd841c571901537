using static Coap.Tests.BlockWise.EndToEnd.TransferSettings;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// Acceptance of issue 5, responses: a 1 MiB body crosses from our server to our client intact with Block2
/// (RFC 7959) and with Q-Block2 (RFC 9177) under loss, duplication and reordering on the simulated network.
/// </summary>
public sealed class LossyDownloadTests
{
    private const int OneMiB = 1024 * 1024;

    [Theory]
    [InlineData(0.10, 11)]
    [InlineData(0.30, 12)]
    public async Task Block2_download_of_1MiB_is_intact_under_loss(double loss, int seed)
    {
        await using var harness = new TransferHarness(OneMiB, seed, loss, messaging: Resilient);
        var request = CoapRequest.Get(TransferHarness.Uri("big"));
        request.UseQBlock = false;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(harness.Body));
        AssertUsed(harness, CoapOptionNumber.Block2);
    }

    [Theory]
    [InlineData(0.10, 31)]
    [InlineData(0.30, 32)]
    public async Task QBlock2_download_of_1MiB_is_intact_under_loss(double loss, int seed)
    {
        await using var harness = new TransferHarness(OneMiB, seed, loss, messaging: Resilient, blockWise: Persistent);
        var request = CoapRequest.Get(TransferHarness.Uri("q/big")).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(harness.Body));
        AssertQBlockOnly(harness, CoapOptionNumber.QBlock2);
        var requests = FromClient(harness).Where(m => m.Code == CoapCode.Get && m.Type == CoapMessageType.NonConfirmable).ToList();
        Assert.True(requests.Count > 1, "lost payloads are asked for again (RFC 9177 §4.4)");
    }

    [Fact]
    public async Task NonQBlock2_ToAResourceWithoutQBlock_IsReset_AndTheClientFallsBackToBlock2()
    {
        // The endpoint takes Q-Block (the probe says so) but /big has no [QBlock]: the NON Q-Block2 GET gets RST (RFC 9177 §4.1).
        await using var harness = new TransferHarness(16 * 1024, seed: 53, loss: 0);
        var request = CoapRequest.Get(TransferHarness.Uri("big")).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.True(response.Payload.Span.SequenceEqual(harness.Body));
        Assert.Contains(harness.Network.Sent.Select(d => d.Parse()), m => m.Type == CoapMessageType.Reset);
        AssertUsed(harness, CoapOptionNumber.Block2);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }
}
