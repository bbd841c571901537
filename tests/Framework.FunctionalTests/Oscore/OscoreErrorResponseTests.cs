using Coap.Security.Oscore;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>The error responses of RFC 8613 §8.2 and §7.4, on the wire: unprotected, with Max-Age 0.</summary>
public sealed class OscoreErrorResponseTests
{
    [Fact]
    public async Task UnknownKid_Gets401SecurityContextNotFound()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port(), senderId: "42")));

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/hello/1");

        AssertUnprotectedError(response.Message, CoapCode.Unauthorized, "Security context not found");
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task WrongKey_Gets400DecryptionFailed()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(server.Port(), masterSecret: "0102030405060708090a0b0c0d0e0fff")));

        var response = await client.GetAsync($"coap://127.0.0.1:{server.Port()}/oscore/hello/1");

        AssertUnprotectedError(response.Message, CoapCode.BadRequest, "Decryption failed");
        Assert.Equal(0, handler.Calls);
    }

    [Theory]
    [InlineData("")]                   // flags only implied: no Partial IV, no kid
    [InlineData("0f")]                 // reserved n = 7
    [InlineData("8914")]               // reserved bit 0x80
    [InlineData("19")]                 // kid flag and n = 1, but nothing follows
    [InlineData("1914")]               // kid context flag without its length
    public async Task MalformedOscoreOption_Gets402FailedToDecodeCose(string optionHex)
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        using var peer = new RawOscorePeer(server.Port());
        var message = CoapMessage.Parse(peer.ProtectGet(0, "oscore/hello/1", out _));
        message.Options.Set(new CoapOption(CoapOptionNumber.Oscore, Hex.Parse(optionHex)));

        var response = await peer.ExchangeAsync(peer.Encode(message));

        AssertUnprotectedError(response!, CoapCode.BadOption, "Failed to decode COSE");
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task ReplayedRequest_Gets401ReplayDetected()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        using var peer = new RawOscorePeer(server.Port());
        var request = peer.ProtectGet(5, "oscore/hello/1", out var binding);

        var first = await peer.ExchangeAsync(request);
        var replay = await peer.ExchangeAsync(request);

        Assert.Equal(CoapCode.Changed, first!.Code);
        Assert.Equal(OscoreUnprotectResult.Ok, new OscoreProtector().UnprotectResponse(binding, first, out var inner, out _));
        Assert.Equal("Hello World! (b)", System.Text.Encoding.UTF8.GetString(inner!.Payload.Span));
        AssertUnprotectedError(replay!, CoapCode.Unauthorized, "Replay detected");
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ReplayWindow_AcceptsInsideTheWindowOnce_AndRefusesBelowIt()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        using var peer = new RawOscorePeer(server.Port());

        // The window holds 32 Partial IVs: after 40, 9 is the oldest still acceptable and 8 is too old.
        Assert.Equal(CoapCode.Changed, (await peer.ExchangeAsync(peer.ProtectGet(40, "a", out _)))!.Code);
        AssertUnprotectedError((await peer.ExchangeAsync(peer.ProtectGet(8, "a", out _)))!, CoapCode.Unauthorized, "Replay detected");
        Assert.Equal(CoapCode.Changed, (await peer.ExchangeAsync(peer.ProtectGet(9, "a", out _)))!.Code);
        AssertUnprotectedError((await peer.ExchangeAsync(peer.ProtectGet(9, "a", out _)))!, CoapCode.Unauthorized, "Replay detected");
        Assert.Equal(CoapCode.Changed, (await peer.ExchangeAsync(peer.ProtectGet(39, "a", out _)))!.Code);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task RandomOscoreOptionsAndCiphertexts_GetAnErrorOrSilence_AndTheServerKeepsServing()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        using var peer = new RawOscorePeer(server.Port());
        var random = new Random(6613);
        var valid = CoapMessage.Parse(peer.ProtectGet(1000, "oscore/hello/1", out _));

        for (var i = 0; i < 150; i++)
        {
            var message = CoapMessage.Parse(peer.Encode(valid));
            var option = message.Options.GetAll(CoapOptionNumber.Oscore).Single().Value.ToArray();
            var payload = message.Payload.ToArray();
            switch (i % 3)
            {
                case 0:
                    option = RandomBytes(random, random.Next(0, 12));
                    break;
                case 1:
                    payload = payload[..random.Next(0, payload.Length)];
                    break;
                default:
                    payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
                    break;
            }

            message.Options.Set(new CoapOption(CoapOptionNumber.Oscore, option));
            message.Payload = payload;
            var response = await peer.ExchangeAsync(peer.Encode(message), TimeSpan.FromSeconds(5));

            Assert.NotNull(response);
            Assert.Contains(response.Code, new[] { CoapCode.BadOption, CoapCode.Unauthorized, CoapCode.BadRequest });
            Assert.False(response.Options.Contains(CoapOptionNumber.Oscore));
        }

        Assert.Equal(0, handler.Calls);
        Assert.Equal(CoapCode.Changed, (await peer.ExchangeAsync(peer.ProtectGet(2000, "oscore/hello/1", out _)))!.Code);
    }

    internal static void AssertUnprotectedError(CoapMessage response, CoapCode code, string diagnostic)
    {
        Assert.Equal(code, response.Code);
        Assert.False(response.Options.Contains(CoapOptionNumber.Oscore));
        Assert.Equal(0u, response.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Equal(diagnostic, System.Text.Encoding.UTF8.GetString(response.Payload.Span));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
