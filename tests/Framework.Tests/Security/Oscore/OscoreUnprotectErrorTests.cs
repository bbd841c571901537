using Coap.Security.Oscore.State;
using Coap.Security.Oscore;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore;

public sealed class OscoreUnprotectErrorTests
{
    private const string C4Protected = "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e";

    [Theory]
    [InlineData("4914")]
    [InlineData("8914")]
    [InlineData("0e0102030405")]
    [InlineData("0f010203040506")]
    [InlineData("190508")]
    [InlineData("1905")]
    [InlineData("0014")]
    [InlineData("01")]
    [InlineData("0114")]
    [InlineData("")]
    [InlineData("2914")]
    public void MalformedOrIncompleteOscoreOption_IsDecodeFailed(string optionHex)
    {
        using var server = OscoreVectors.C1(client: false);
        var message = WithOption(optionHex);
        var result = new OscoreProtector(new OscoreContextList(server)).UnprotectRequest(message, out var request, out _);
        Assert.Equal(OscoreUnprotectResult.DecodeFailed, result);
        Assert.Null(request);
        Assert.Equal(CoapCode.BadOption, OscoreErrors.GetResponseCode(result));
        Assert.Equal("Failed to decode COSE", OscoreErrors.GetDiagnostic(result));
    }

    [Fact]
    public void OscoreOptionWithoutPayload_IsDecodeFailed()
    {
        using var server = OscoreVectors.C1(client: false);
        var message = CoapMessage.Parse(Hex.Parse(C4Protected));
        message.Payload = default;
        Assert.Equal(OscoreUnprotectResult.DecodeFailed, new OscoreProtector(new OscoreContextList(server)).UnprotectRequest(message, out _, out _));
    }

    [Fact]
    public void UnknownKid_IsContextNotFound()
    {
        using var server = OscoreVectors.C1(client: false);
        var result = new OscoreProtector(new OscoreContextList(server)).UnprotectRequest(WithOption("091442"), out _, out _);
        Assert.Equal(OscoreUnprotectResult.ContextNotFound, result);
        Assert.Equal(CoapCode.Unauthorized, OscoreErrors.GetResponseCode(result));
        Assert.Equal("Security context not found", OscoreErrors.GetDiagnostic(result));
    }

    [Fact]
    public void UnknownKidContext_IsContextNotFound()
    {
        using var server = OscoreVectors.C3(client: false);
        Assert.Equal(OscoreUnprotectResult.ContextNotFound, new OscoreProtector(new OscoreContextList(server)).UnprotectRequest(WithOption("1914020102"), out _, out _));
    }

    [Fact]
    public void TamperedCiphertext_IsDecryptionFailed()
    {
        using var server = OscoreVectors.C1(client: false);
        var bytes = Hex.Parse(C4Protected);
        bytes[^3] ^= 0x01;
        var result = new OscoreProtector(new OscoreContextList(server)).UnprotectRequest(CoapMessage.Parse(bytes), out var request, out _);
        Assert.Equal(OscoreUnprotectResult.DecryptionFailed, result);
        Assert.Null(request);
        Assert.Equal(CoapCode.BadRequest, OscoreErrors.GetResponseCode(result));
        Assert.Equal("Decryption failed", OscoreErrors.GetDiagnostic(result));
    }

    [Fact]
    public void TamperedPartialIv_IsDecryptionFailed()
    {
        using var server = OscoreVectors.C1(client: false);
        var protector = new OscoreProtector(new OscoreContextList(server));
        Assert.Equal(OscoreUnprotectResult.DecryptionFailed, protector.UnprotectRequest(WithOption("0915"), out _, out _));
    }

    [Fact]
    public void ReplayCheck_RunsOnlyAfterDecryption_AndCanRefuse()
    {
        using var server = OscoreVectors.C1(client: false);
        var check = new RecordingReplayCheck();
        var protector = new OscoreProtector(new OscoreContextList(server), check);

        var tampered = Hex.Parse(C4Protected);
        tampered[^1] ^= 0x80;
        Assert.Equal(OscoreUnprotectResult.DecryptionFailed, protector.UnprotectRequest(CoapMessage.Parse(tampered), out _, out _));
        Assert.Empty(check.Seen);

        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequest(CoapMessage.Parse(Hex.Parse(C4Protected)), out _, out _));
        var result = protector.UnprotectRequest(CoapMessage.Parse(Hex.Parse(C4Protected)), out var again, out _);
        Assert.Equal(OscoreUnprotectResult.Replayed, result);
        Assert.Null(again);
        Assert.Equal([new OscorePartialIv(20, 1), new OscorePartialIv(20, 1)], check.Seen);
        Assert.Equal("Replay detected", OscoreErrors.GetDiagnostic(result));
    }

    [Fact]
    public void RandomAndTruncatedInput_NeverThrows()
    {
        using var server = OscoreVectors.C1(client: false);
        using var client = OscoreVectors.C1(client: true);
        var protector = new OscoreProtector(new OscoreContextList(server));
        var binding = new OscoreRequestBinding(client, client.Sender.Id, new OscorePartialIv(20, 1));
        var random = new Random(8613);
        var valid = Hex.Parse(C4Protected);
        var results = new int[5];
        for (var i = 0; i < 4000; i++)
        {
            var option = new byte[random.Next(0, 12)];
            random.NextBytes(option);
            if (option.Length > 0 && random.Next(2) == 0)
            {
                option[0] &= 0x1F;
            }

            var payload = random.Next(3) == 0 ? valid[(valid.Length - 13 + random.Next(13))..] : new byte[random.Next(0, 40)];
            if (random.Next(3) != 0)
            {
                random.NextBytes(payload);
            }

            var message = new CoapMessage { Code = CoapCode.Post, Payload = payload };
            message.Options.Add(CoapOptionNumber.Oscore, option);
            results[(int)protector.UnprotectRequest(message, out _, out _)]++;
            results[(int)protector.UnprotectResponse(binding, message, out _, out _)]++;
        }

        Assert.Equal(0, results[(int)OscoreUnprotectResult.Ok]);
        Assert.True(results[(int)OscoreUnprotectResult.DecodeFailed] > 0);
        Assert.True(results[(int)OscoreUnprotectResult.ContextNotFound] > 0);
        Assert.True(results[(int)OscoreUnprotectResult.DecryptionFailed] > 0);
    }

    private static CoapMessage WithOption(string optionHex)
    {
        var message = CoapMessage.Parse(Hex.Parse(C4Protected));
        message.Options.Set(new CoapOption(CoapOptionNumber.Oscore, Hex.Parse(optionHex)));
        return message;
    }

    private sealed class RecordingReplayCheck : IOscoreReplayCheck
    {
        public List<OscorePartialIv> Seen { get; } = [];

        public ReplayCheckResult Accept(OscoreSecurityContext context, OscorePartialIv partialIv)
        {
            var fresh = !Seen.Contains(partialIv);
            Seen.Add(partialIv);
            return fresh ? ReplayCheckResult.Accepted : ReplayCheckResult.Duplicate;
        }

        public void DecryptionFailed(OscoreSecurityContext context)
        {
        }
    }
}
