using System.Security.Cryptography;

namespace Coap.Tests.BlockWise.EndToEnd;

/// <summary>
/// Acceptance of issue 5: a 1 MiB body crosses our client and our server intact, in both
/// directions, with Block1/Block2 (RFC 7959) and with Q-Block (RFC 9177) under loss, duplication
/// and reordering on the simulated network, and the client falls back from Q-Block to Block1 when
/// the server answers the probe with 4.02.
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

    /// <summary>
    /// At 30 % loss a CON round trip fails half the time; RFC 7959 transfers need more retransmissions
    /// than the default 4 to move 1,024 blocks without one giving up.
    /// </summary>
    private static void Resilient(CoapMessagingOptions options) => options.MaxRetransmit = 20;

    /// <summary>
    /// With 20 retransmissions one block can take hours of (fake) time: the partial body waits that long, where
    /// the default 60 s would have the server drop it and answer 4.08 (RFC 7959 §2.9.2).
    /// </summary>
    private static void Patient(CoapBlockWiseOptions options) => options.ReassemblyTimeout = TimeSpan.FromDays(30);

    /// <summary>
    /// NON_MAX_RETRANSMIT 4 lets a peer give a 1,024-block body up after four lost recovery rounds in a row,
    /// which at 30 % loss happens within a megabyte; these transfers allow more.
    /// </summary>
    private static void Persistent(CoapBlockWiseOptions options) => options.QBlock.NonMaxRetransmit = 10;

    private static IEnumerable<CoapMessage> FromClient(TransferHarness harness) =>
        harness.Network.Sent.Where(d => d.From.Equals(TransferHarness.ClientAddress)).Select(d => d.Parse());

    /// <summary>The body went with <paramref name="option"/>: no RFC 7959 block option on the wire, after a successful probe.</summary>
    private static void AssertQBlockOnly(TransferHarness harness, int option)
    {
        var all = harness.Network.Sent.Select(d => d.Parse()).ToList();
        Assert.Contains(all, m => m.Options.Contains(option));
        Assert.DoesNotContain(all, m => m.Options.Contains(CoapOptionNumber.Block1) || m.Options.Contains(CoapOptionNumber.Block2));
        var confirmable = FromClient(harness).Where(m => m.Type == CoapMessageType.Confirmable).ToList();
        Assert.Single(confirmable.Select(m => m.MessageId).Distinct()); // The probe, perhaps retransmitted.
        Assert.Equal(".well-known/core", string.Join('/', confirmable[0].Options.GetAll(CoapOptionNumber.UriPath).Select(o => o.GetString())));
    }

    private static void AssertUsed(TransferHarness harness, int option) =>
        Assert.Contains(harness.Network.Sent.Select(d => d.Parse()), m => m.Options.Contains(option));
}
