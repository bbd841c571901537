using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>
/// Sequence numbers across restarts (RFC 8613 Appendix B.1.1), Echo recovery of a lost replay window
/// (Appendix B.1.2, RFC 9175) and the key-usage limits (draft-ietf-core-oscore-key-limits).
/// </summary>
public sealed class OscoreStateTests : IDisposable
{
    private readonly string _serverState = Directory.CreateTempSubdirectory("coap-oscore-server-").FullName;
    private readonly string _clientState = Directory.CreateTempSubdirectory("coap-oscore-client-").FullName;

    [Fact]
    public async Task RestartedClient_ContinuesAboveItsLastSequenceNumber()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler);
        var uri = $"coap://127.0.0.1:{server.Port()}/oscore/hello/1";
        await using (var before = CreateClient(server.Port()))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(CoapCode.Content, (await before.GetAsync(uri)).Code);
            }
        }

        // Had the new client started again at 0, the server's replay window would refuse it with 4.01.
        await using var after = CreateClient(server.Port());
        var response = await after.GetAsync(uri);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(4, handler.Calls);
    }

    [Fact]
    public async Task RestartedServer_ProvesFreshnessWithEcho_ThenServesNormally()
    {
        var echoes = new List<bool>();
        var handler = DelegateHandler.Sync(context =>
        {
            lock (echoes)
            {
                echoes.Add(context.TryGetOption(CoapOptionNumber.Echo, out _));
            }

            context.Response.WritePayload("fresh");
        });
        await using (var first = await OscorePeers.StartServerAsync(handler, s => s.StateDirectory = _serverState))
        await using (var client = CreateClient(first.Port()))
        {
            Assert.Equal("fresh", (await client.GetAsync($"coap://127.0.0.1:{first.Port()}/x")).GetPayloadAsString());
        }

        // A new server process: same keys and state directory, but the replay window of the first run is gone.
        await using var second = await OscorePeers.StartServerAsync(handler, s => s.StateDirectory = _serverState);
        await using var restartedClient = CreateClient(second.Port());

        var challenged = await restartedClient.GetAsync($"coap://127.0.0.1:{second.Port()}/x");
        var normal = await restartedClient.GetAsync($"coap://127.0.0.1:{second.Port()}/x");

        Assert.Equal("fresh", challenged.GetPayloadAsString());
        Assert.Equal("fresh", normal.GetPayloadAsString());
        Assert.Equal([false, true, false], echoes);
    }

    [Fact]
    public async Task RestartedServer_RefusesAWrongEcho_WithANewChallenge()
    {
        await using (var first = await OscorePeers.StartServerAsync(OscorePeers.Hello(), s => s.StateDirectory = _serverState))
        {
            using var warmUp = new RawOscorePeer(first.Port());
            Assert.Equal(CoapCode.Changed, (await warmUp.ExchangeAsync(warmUp.ProtectGet(1, "x", out _)))!.Code);
        }

        var handler = OscorePeers.Hello();
        await using var second = await OscorePeers.StartServerAsync(handler, s => s.StateDirectory = _serverState);
        using var peer = new RawOscorePeer(second.Port());

        var challenge = await peer.ExchangeAsync(peer.ProtectGet(2, "x", out var binding));
        var wrongEcho = await peer.ExchangeAsync(peer.ProtectGet(3, "x", out var wrongBinding, m => m.Options.Add(CoapOptionNumber.Echo, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));

        Assert.Equal(CoapCode.Unauthorized, Decrypt(challenge!, binding).Code);
        Assert.True(Decrypt(challenge!, binding).Options.Contains(CoapOptionNumber.Echo));
        Assert.Equal(CoapCode.Unauthorized, Decrypt(wrongEcho!, wrongBinding).Code);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task ExhaustedSenderKey_RefusesToProtect()
    {
        await using var server = await OscorePeers.StartServerAsync(OscorePeers.Hello());
        await using var client = OscorePeers.CreateClient(s =>
        {
            var context = OscorePeers.Client(server.Port());
            context.MaxEncryptions = 2;
            s.Contexts.Add(context);
        });
        var uri = $"coap://127.0.0.1:{server.Port()}/oscore/hello/1";

        Assert.Equal(CoapCode.Content, (await client.GetAsync(uri)).Code);
        Assert.Equal(CoapCode.Content, (await client.GetAsync(uri)).Code);
        var refused = await Assert.ThrowsAsync<CoapException>(() => client.GetAsync(uri));

        Assert.Contains("cannot protect", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipientKeyPastItsFailureLimit_IsNoLongerFound()
    {
        var handler = OscorePeers.Hello();
        await using var server = await OscorePeers.StartServerAsync(handler, s => s.Contexts[0].MaxFailedDecryptions = 1);
        using var forger = new RawOscorePeer(server.Port(), masterSecret: "ffffffffffffffffffffffffffffffff");
        using var peer = new RawOscorePeer(server.Port());

        var forged1 = await forger.ExchangeAsync(forger.ProtectGet(1, "x", out _));
        var forged2 = await forger.ExchangeAsync(forger.ProtectGet(2, "x", out _));
        var genuine = await peer.ExchangeAsync(peer.ProtectGet(3, "x", out _));

        OscoreErrorResponseTests.AssertUnprotectedError(forged1!, CoapCode.BadRequest, "Decryption failed");
        OscoreErrorResponseTests.AssertUnprotectedError(forged2!, CoapCode.BadRequest, "Decryption failed");
        OscoreErrorResponseTests.AssertUnprotectedError(genuine!, CoapCode.Unauthorized, "Security context not found");
        Assert.Equal(0, handler.Calls);
    }

    public void Dispose()
    {
        Directory.Delete(_serverState, recursive: true);
        Directory.Delete(_clientState, recursive: true);
    }

    private CoapClient CreateClient(int port) => OscorePeers.CreateClient(s =>
    {
        s.StateDirectory = _clientState;
        s.Contexts.Add(OscorePeers.Client(port));
    });

    private static CoapMessage Decrypt(CoapMessage response, Security.Oscore.OscoreRequestBinding binding)
    {
        Assert.Equal(Security.Oscore.OscoreUnprotectResult.Ok, new Security.Oscore.OscoreProtector().UnprotectResponse(binding, response, out var inner, out _));
        return inner!;
    }
}
