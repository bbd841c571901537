using System.Security.Cryptography;
using static Coap.Tests.BlockWise.EndToEnd.TransferSettings;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// Acceptance of issue 5, request bodies: a 1 MiB body crosses from our client to our server intact with Block1
/// (RFC 7959) and with Q-Block1 (RFC 9177) under loss, duplication and reordering on the simulated network,
/// and the client falls back from Q-Block to Block1 when the server answers the probe with 4.02.
/// </summary>
public sealed class LossyUploadTransferTests
{
    private const int OneMiB = 1024 * 1024;

    [Theory]
    [InlineData(0.10, 21)]
    [InlineData(0.30, 22)]
    public async Task Block1_upload_of_1MiB_is_intact_under_loss(double loss, int seed)
    {
        await using var harness = new TransferHarness(OneMiB, seed, loss, messaging: Resilient, blockWise: Patient);
        var request = CoapRequest.Put(TransferHarness.Uri("upload")).WithBody(new MemoryStream(harness.Body), CoapContentFormat.OctetStream);
        request.UseQBlock = false;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(harness.Body)), response.GetPayloadAsString());
        Assert.True(harness.Uploaded.AsSpan().SequenceEqual(harness.Body));
        Assert.Equal(1, harness.Uploads);
        AssertUsed(harness, CoapOptionNumber.Block1);
    }

    [Theory]
    [InlineData(0.10, 41)]
    [InlineData(0.30, 42)]
    public async Task QBlock1_upload_of_1MiB_is_intact_under_loss(double loss, int seed)
    {
        await using var harness = new TransferHarness(OneMiB, seed, loss, messaging: Resilient, blockWise: Persistent);
        var request = CoapRequest.Put(TransferHarness.Uri("q/upload")).WithPayload(harness.Body).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(harness.Body)), response.GetPayloadAsString());
        Assert.True(harness.Uploaded.AsSpan().SequenceEqual(harness.Body));
        Assert.Equal(1, harness.Uploads);
        AssertQBlockOnly(harness, CoapOptionNumber.QBlock1);
        var fromServer = harness.Network.Sent.Where(d => d.From.Equals(TransferHarness.ServerAddress)).Select(d => d.Parse());
        Assert.Contains(fromServer, m => m.Code == CoapCode.RequestEntityIncomplete && m.Options.GetUInt(CoapOptionNumber.ContentFormat) == CoapContentFormat.MissingBlocksCborSeq);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
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

    [Fact]
    public async Task NonQBlock1_ToAResourceWithoutQBlock_IsReset_AndTheClientFallsBackToBlock1()
    {
        // The endpoint takes Q-Block (the probe says so) but /upload has no [QBlock]: its NON blocks get RST (RFC 9177 §4.1).
        await using var harness = new TransferHarness(16 * 1024, seed: 52, loss: 0);
        var request = CoapRequest.Put(TransferHarness.Uri("upload")).WithPayload(harness.Body).AsNonConfirmable();
        request.UseQBlock = true;

        var response = await harness.RunAsync(harness.Client.SendAsync(request));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.True(harness.Uploaded.AsSpan().SequenceEqual(harness.Body));
        Assert.Contains(harness.Network.Sent.Select(d => d.Parse()), m => m.Type == CoapMessageType.Reset);
        AssertUsed(harness, CoapOptionNumber.Block1);
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
    }
}
