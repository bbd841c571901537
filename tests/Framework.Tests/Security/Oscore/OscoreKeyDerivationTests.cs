using Coap.Security.Oscore;
using Coap.Tests.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore;

public sealed class OscoreKeyDerivationTests
{
    [Theory]
    [InlineData("", null, "Key", 16, "8540f60a634b657910")]
    [InlineData("01", null, "Key", 16, "854101f60a634b657910")]
    [InlineData("", null, "IV", 13, "8540f60a6249560d")]
    [InlineData("00", null, "Key", 16, "854100f60a634b657910")]
    [InlineData("", "37cbf3210017a2d3", "Key", 16, "85404837cbf3210017a2d30a634b657910")]
    [InlineData("01", "37cbf3210017a2d3", "Key", 16, "8541014837cbf3210017a2d30a634b657910")]
    [InlineData("", "37cbf3210017a2d3", "IV", 13, "85404837cbf3210017a2d30a6249560d")]
    public void Info_IsTheRfc8613AppendixCArray(string id, string? idContext, string type, int length, string expected) =>
        Wire.Equal(expected, OscoreKeyDerivation.BuildInfo(Hex.Parse(id), idContext is null ? null : Hex.Parse(idContext), OscoreAlgorithm.Default, type, length));

    [Fact]
    public void C1_WithMasterSalt_DerivesKeysIvAndNonces()
    {
        using var client = OscoreVectors.C1(client: true);
        using var server = OscoreVectors.C1(client: false);
        AssertContext(client, server,
            clientKey: "f0910ed7295e6ad4b54fc793154302ff", serverKey: "ffb14e093c94c9cac9471648b4f98710", commonIv: "4622d4dd6d944168eefb54987c",
            clientNonce: "4622d4dd6d944168eefb54987c", serverNonce: "4722d4dd6d944169eefb54987c");
    }

    [Fact]
    public void C2_WithoutMasterSalt_DerivesKeysIvAndNonces()
    {
        using var client = OscoreVectors.C2(client: true);
        using var server = OscoreVectors.C2(client: false);
        AssertContext(client, server,
            clientKey: "321b26943253c7ffb6003b0b64d74041", serverKey: "e57b5635815177cd679ab4bcec9d7dda", commonIv: "be35ae297d2dace910c52e99f9",
            clientNonce: "bf35ae297d2dace910c52e99f9", serverNonce: "bf35ae297d2dace810c52e99f9");
    }

    [Fact]
    public void C3_WithIdContext_DerivesKeysIvAndNonces()
    {
        using var client = OscoreVectors.C3(client: true);
        using var server = OscoreVectors.C3(client: false);
        AssertContext(client, server,
            clientKey: "af2a1300a5e95788b356336eeecd2b92", serverKey: "e39a0c7c77b43f03b4b39ab9a268699f", commonIv: "2ca58fb85ff1b81c0b7181b85e",
            clientNonce: "2ca58fb85ff1b81c0b7181b85e", serverNonce: "2da58fb85ff1b81d0b7181b85e");
    }

    [Fact]
    public void Derive_SenderIdLongerThanNonceMinusSix_IsRejected() =>
        Assert.Throws<ArgumentException>(() => OscoreSecurityContext.Derive(new OscoreContextParameters
        {
            MasterSecret = OscoreVectors.MasterSecret,
            SenderId = new byte[8],
            RecipientId = [0x01],
        }));

    [Fact]
    public void ToString_NeverShowsKeysOrSecret()
    {
        using var client = OscoreVectors.C1(client: true);
        var text = client.ToString() + client.Sender + client.Recipient + client.Common;
        Assert.DoesNotContain("F0910ED7", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FFB14E09", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4622D4DD", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Recipient ID 01", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(24)]
    public void Algorithms_SealAndOpenWithTheirSizes(int coseId)
    {
        Assert.True(OscoreAlgorithm.TryGet(coseId, out var algorithm));
        if (!BclOscoreCryptoProvider.Instance.IsSupported(algorithm))
        {
            return;
        }

        using var aead = BclOscoreCryptoProvider.Instance.CreateAead(algorithm, new byte[algorithm.KeyLength]);
        var nonce = new byte[algorithm.NonceLength];
        var sealedBytes = new byte[3 + algorithm.TagLength];
        Assert.True(aead.TrySeal(nonce, "abc"u8, "aad"u8, sealedBytes));
        var opened = new byte[3];
        Assert.True(aead.TryOpen(nonce, sealedBytes, "aad"u8, opened));
        Assert.Equal("abc"u8.ToArray(), opened);
        Assert.False(aead.TryOpen(nonce, sealedBytes, "aaX"u8, opened));
        Assert.False(aead.TryOpen(nonce[1..], sealedBytes, "aad"u8, opened));
    }

    private static void AssertContext(OscoreSecurityContext client, OscoreSecurityContext server, string clientKey, string serverKey, string commonIv, string clientNonce, string serverNonce)
    {
        Wire.Equal(clientKey, client.Sender.Key);
        Wire.Equal(serverKey, client.Recipient.Key);
        Wire.Equal(serverKey, server.Sender.Key);
        Wire.Equal(clientKey, server.Recipient.Key);
        Wire.Equal(commonIv, client.Common.CommonIv);
        Wire.Equal(commonIv, server.Common.CommonIv);
        Wire.Equal(clientNonce, OscoreVectors.NonceForPiv0(client, client.Sender.Id));
        Wire.Equal(serverNonce, OscoreVectors.NonceForPiv0(client, client.Recipient.Id));
        Wire.Equal(serverNonce, OscoreVectors.NonceForPiv0(server, server.Sender.Id));
        Wire.Equal(clientNonce, OscoreVectors.NonceForPiv0(server, server.Recipient.Id));
    }
}
