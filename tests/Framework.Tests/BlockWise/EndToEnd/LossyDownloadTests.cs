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
}
