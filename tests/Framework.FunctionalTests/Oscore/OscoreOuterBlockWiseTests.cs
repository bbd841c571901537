using System.Net;
using System.Net.Sockets;
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
    [Fact]
    public async Task ProtectedResponseInOuterBlock2_IsCollectedThenVerified()
    {
        var body = Encoding.ASCII.GetBytes("This is a large resource\n" + string.Concat(Enumerable.Repeat("0123456789", 101)));
        using var proxy = new FragmentingServer(body, blockSize: 256);
        await using var client = OscorePeers.CreateClient(s => s.Contexts.Add(OscorePeers.Client(proxy.Port)));

        var response = await client.GetAsync($"coap://127.0.0.1:{proxy.Port}/oscore/block/outer");

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(body, response.Payload.ToArray());
        Assert.True(proxy.BlocksServed > 1);
    }

    /// <summary>
    /// Stands in for an OSCORE server behind a proxy that fragments its protected responses with outer Block2:
    /// verifies the request with context "b", protects the body whole, and serves the ciphertext in blocks.
    /// </summary>
    private sealed class FragmentingServer : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly byte[] _body;
        private readonly int _blockSize;
        private readonly OscoreSecurityContext _context = OscoreSecurityContext.Derive(new OscoreContextParameters
        {
            MasterSecret = Hex.Parse(OscorePeers.MasterSecret),
            MasterSalt = Hex.Parse(OscorePeers.MasterSalt),
            SenderId = [0x01],
            RecipientId = [],
        });
        private readonly Task _loop;
        private CoapMessage? _protected;

        public FragmentingServer(byte[] body, int blockSize)
        {
            _body = body;
            _blockSize = blockSize;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _loop = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        public int BlocksServed { get; private set; }

        public void Dispose()
        {
            _socket.Dispose();
            _context.Dispose();
            _ = _loop.Exception;
        }

        private async Task ServeAsync()
        {
            var buffer = new byte[2048];
            var protector = new OscoreProtector(new OscoreContextList(_context));
            while (true)
            {
                SocketReceiveFromResult received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
                {
                    return;
                }

                var request = CoapMessage.Parse(buffer.AsSpan(0, received.ReceivedBytes));
                var number = 0;
                var exponent = CoapBlock.ToSizeExponent(_blockSize);
                if (request.Options.TryGet(CoapOptionNumber.Block2, out var option) && CoapBlock.TryDecode(option.Value.Span, out var asked))
                {
                    number = asked.Number;
                    exponent = asked.SizeExponent;
                    request.Options.Remove(CoapOptionNumber.Block2);
                }

                if (number == 0)
                {
                    Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequest(request, out _, out var binding));
                    var plain = new CoapMessage { Code = CoapCode.Content, Payload = _body };
                    plain.Options.Add(CoapOptionNumber.ContentFormat, 0u);
                    Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponse(binding, plain, includePartialIv: false, out _protected));
                }

                var ciphertext = _protected!.Payload;
                var size = 16 << exponent;
                var offset = number * size;
                var length = Math.Min(size, ciphertext.Length - offset);
                var reply = new CoapMessage
                {
                    Type = CoapMessageType.Acknowledgement,
                    Code = _protected.Code,
                    MessageId = request.MessageId,
                    Token = request.Token,
                    Payload = ciphertext.Slice(offset, length),
                };
                foreach (var outer in _protected.Options)
                {
                    reply.Options.Add(outer);
                }

                reply.Options.Add(CoapOptionNumber.Block2, new CoapBlock(number, offset + length < ciphertext.Length, exponent).Value);
                var encoded = new byte[reply.GetEncodedSize()];
                reply.Encode(encoded);
                BlocksServed++;
                await _socket.SendToAsync(encoded, received.RemoteEndPoint);
            }
        }
    }
}
