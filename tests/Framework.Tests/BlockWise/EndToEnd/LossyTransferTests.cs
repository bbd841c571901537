using System.Security.Cryptography;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// Acceptance of issue 5: a 1 MiB body crosses our client and our server intact, in both
/// directions, with Block1/Block2 (RFC 7959) under loss with duplication on the simulated network,
/// and the client falls back from Q-Block to Block1 when the server answers the probe with 4.02.
/// </summary>
public sealed class LossyTransferTests
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
    [InlineData(0.10, 21)]
    public async Task Block1_upload_of_1MiB_is_intact_under_loss(double loss, int seed)
    {
        await using var harness = new TransferHarness(OneMiB, seed, loss, messaging: Resilient);
        var request = CoapRequest.Put(TransferHarness.Uri("upload")).WithBody(new MemoryStream(harness.Body), CoapContentFormat.OctetStream);
        request.UseQBlock = false;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(harness.Body)), response.GetPayloadAsString());
        Assert.True(harness.Uploaded.AsSpan().SequenceEqual(harness.Body));
        Assert.Equal(1, harness.Uploads);
        AssertUsed(harness, CoapOptionNumber.Block1);
    }

    [Fact]
    public async Task Client_falls_back_to_Block1_when_the_server_answers_the_probe_with_4_02()
    {
        // The server has no [QBlock] route, so options 19/31 are unknown critical options there (QB-02, QB-03).
        await using var harness = new TransferHarness(64 * 1024, seed: 51, loss: 0, qblockRoutes: false);
        var request = CoapRequest.Put(TransferHarness.Uri("upload")).WithBody(new MemoryStream(harness.Body), CoapContentFormat.OctetStream);
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.True(harness.Uploaded.AsSpan().SequenceEqual(harness.Body));
        var answers = harness.Network.Sent.Where(d => d.From.Equals(TransferHarness.ServerAddress)).Select(d => d.Parse()).ToList();
        Assert.Contains(answers, m => m.Code == CoapCode.BadOption);
        AssertUsed(harness, CoapOptionNumber.Block1);
        Assert.DoesNotContain(harness.Network.Sent.Select(d => d.Parse()), m => m.Options.Contains(CoapOptionNumber.QBlock1));
    }

    /// <summary>
    /// At 30 % loss a CON round trip fails half the time; RFC 7959 transfers need more retransmissions
    /// than the default 4 to move 1,024 blocks without one giving up.
    /// </summary>
    private static void Resilient(CoapMessagingOptions options) => options.MaxRetransmit = 20;

    private static void AssertUsed(TransferHarness harness, int option) =>
        Assert.Contains(harness.Network.Sent.Select(d => d.Parse()), m => m.Options.Contains(option));
}
