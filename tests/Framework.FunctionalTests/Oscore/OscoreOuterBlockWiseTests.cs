using System.Text;
using Coap.Security.Oscore;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Oscore;

/// <summary>
/// Outer block-wise (RFC 8613 §4.1.3.4.2): a proxy may fragment the OSCORE message itself with outer Block
/// options; the endpoint reassembles the ciphertext before verifying it.
/// </summary>
public sealed class OscoreOuterBlockWiseTests
{
    [Fact]
    public async Task ProtectedRequestInOuterBlock1_IsReassembledThenVerified_AndTheResponseEchoesOutside()
    {
        byte[]? seen = null;
        var handler = DelegateHandler.Sync(context =>
        {
            Assert.NotNull(context.Security);
            seen = context.Payload.ToArray();
            context.Response.Code = CoapCode.Changed;
            context.Response.WritePayload($"{seen.Length} bytes");
        });
        await using var server = await OscorePeers.StartServerAsync(handler);
        using var peer = new RawOscorePeer(server.Port());
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 150)));
        var whole = peer.Protect(7, CoapCode.Post, "oscore/block/outer", body, out var binding);
        var ciphertext = whole.Payload.ToArray();

        CoapMessage? last = null;
        const int BlockSize = 512;
        var blocks = (ciphertext.Length + BlockSize - 1) / BlockSize;
        for (var number = 0; number < blocks; number++)
        {
            var fragment = CoapMessage.Parse(peer.Encode(whole));
            var more = number < blocks - 1;
            fragment.Options.Add(CoapOptionNumber.Block1, new CoapBlock(number, more, 5).Value);
            fragment.Payload = ciphertext.AsMemory(number * BlockSize, Math.Min(BlockSize, ciphertext.Length - (number * BlockSize))).ToArray();
            last = await peer.ExchangeAsync(peer.Encode(fragment));
            if (more)
            {
                Assert.Equal(CoapCode.Continue, last!.Code);
                Assert.False(last.Options.Contains(CoapOptionNumber.Oscore));
            }
        }

        Assert.Equal(CoapCode.Changed, last!.Code);
        Assert.True(last.Options.Contains(CoapOptionNumber.Oscore));
        Assert.Equal(new CoapBlock(blocks - 1, false, 5).Value, last.Options.GetUInt(CoapOptionNumber.Block1));
        Assert.Equal(OscoreUnprotectResult.Ok, new OscoreProtector().UnprotectResponse(binding, last, out var inner, out _));
        Assert.Equal(CoapCode.Changed, inner!.Code);
        Assert.Equal($"{body.Length} bytes", Encoding.UTF8.GetString(inner.Payload.Span));
        Assert.False(inner.Options.Contains(CoapOptionNumber.Block1));
        Assert.Equal(body, seen);
        Assert.Equal(1, handler.Calls);
    }
}
