namespace Coap.Tests.BlockWise.Upload;

/// <summary>
/// A 1 MiB body crossing a lossy in-memory network (seeded loss on both directions, fake clock) to scripted servers:
/// Block1 over CON relies on retransmission (RFC 7252 §4.2); Q-Block1 over NON on 4.08 lists (RFC 9177 §5, §7.2).
/// Retransmission limits are raised: with the defaults, a thousand exchanges at this loss give up now and then,
/// as the RFCs intend, and scheduling decides which datagrams the seeded loss hits.
/// </summary>
public sealed class LossyUploadTests
{
    private const int OneMiB = 1024 * 1024;

    [Fact]
    public async Task Block1_1MiB_Under10PercentLoss()
    {
        ScriptedBlock1Server? server = null;
        await using var harness = new UploadHarness(seed: 11, server: h => server = new ScriptedBlock1Server(h), messaging: o => o.MaxRetransmit = 20);
        harness.Network.LossRate = 0.10;
        var body = UploadHarness.Body(OneMiB);

        var upload = harness.Client.PutAsync(UploadHarness.Uri("/fw"), body);
        var response = await harness.RunUntilAsync(upload, TimeSpan.FromMilliseconds(50));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(body, server!.Body());
    }

    [Theory]
    [InlineData(0.10, 21)]
    [InlineData(0.30, 31)]
    public async Task QBlock1_1MiB_UnderLoss(double lossRate, int seed)
    {
        ScriptedQBlock1Server? server = null;
        await using var harness = new UploadHarness(blockWise: o => o.QBlock.NonMaxRetransmit = 10, seed: seed, server: h => server = new ScriptedQBlock1Server(h));
        var body = UploadHarness.Body(OneMiB);
        var request = CoapRequest.Put(UploadHarness.Uri("/fw")).WithPayload(body).AsNonConfirmable();
        request.UseQBlock = true;
        harness.Network.LossRate = lossRate;
        var upload = harness.Client.SendAsync(request);

        var response = await harness.RunUntilAsync(upload, TimeSpan.FromMilliseconds(50));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(body, server!.Body());
        Assert.True(server.MissingRequests > 0);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }
}
