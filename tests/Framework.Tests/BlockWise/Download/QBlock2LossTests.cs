using System.Net;
using Coap.BlockWise.Download;
using Coap.Transport;

namespace Coap.Tests.BlockWise.Download;

/// <summary>
/// A 1 MiB Q-Block2 body crosses a lossy in-memory link intact (RFC 9177 §4.4, §7.2): a scripted server answers each
/// request with the blocks it names (M=1: the rest of the set; a 'Continue': the next set), and the client's Continue,
/// missing-block requests and back-off do the rest. Loss hits both directions; the clock is fake.
/// </summary>
public sealed class QBlock2LossTests
{
    private static readonly IPEndPoint s_serverAddress = new(IPAddress.Parse("10.0.0.5"), 5683);

    /// <remarks>
    /// At 30 % loss each way a single missing block costs a request and a response (about half the attempts fail), so
    /// the defaults (4 re-requests, doubling waits, a 60 s partial body) would give the body up now and then; the lossy
    /// case uses settings meant for such a link: more re-requests and a server Max-Age and NON_PARTIAL_TIMEOUT of an hour.
    /// </remarks>
    [Theory]
    [InlineData(0.0, 4, 0)]
    [InlineData(0.10, 4, 0)]
    [InlineData(0.30, 10, 3600)]
    public async Task OneMebibyte_ArrivesIntact_UnderLoss(double lossRate, int nonMaxRetransmit, int lifetimeSeconds)
    {
        var qblock = new CoapQBlockOptions { NonMaxRetransmit = nonMaxRetransmit };
        if (lifetimeSeconds > 0)
        {
            qblock.NonPartialTimeout = TimeSpan.FromSeconds(lifetimeSeconds);
        }

        var options = new CoapBlockWiseOptions { QBlock = qblock };
        await using var harness = new DownloadHarness(options);
        var body = DownloadHarness.Body(1024 * 1024, seed: 3);
        var server = harness.Network.CreateTransport(s_serverAddress);
        var responder = new QBlock2Responder(harness, body, options.QBlock.MaxPayloads, lifetimeSeconds > 0 ? (uint)lifetimeSeconds : null);
        server.Start(responder);
        harness.Network.LossRate = lossRate;

        var template = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get };
        template.Options.Add(CoapOptionNumber.UriPath, "firmware");
        var download = new QBlock2Download(harness.ClientEndpoint, template, s_serverAddress, options, 1024, null);
        var running = download.RunAsync(CancellationToken.None);
        for (var step = 0; step < 400_000 && !running.IsCompleted; step++)
        {
            harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var response = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(body.Length, response.Payload.Length);
        Assert.True(body.AsSpan().SequenceEqual(response.Payload.Span));
        Assert.Equal(0, harness.ClientEndpoint.TransferTokens);
        if (lossRate == 0)
        {
            // Without loss: the first request and one 'Continue' per further set of 10, nothing else.
            Assert.Equal(1 + 102, responder.Requests);
        }

        await server.DisposeAsync();
    }

    /// <summary>Answers Q-Block2 requests: NUM/0 that block, NUM/1 the rest of NUM's set; each block once per request (QB-31).</summary>
    private sealed class QBlock2Responder(DownloadHarness harness, byte[] body, int maxPayloads, uint? maxAge) : IDatagramReceiver
    {
        private readonly int _count = CoapBlock.CountBlocks(body.Length, 1024);
        private ReadOnlyMemory<byte>? _originalToken;
        private ushort _messageId = 0x1000;

        public int Requests { get; private set; }

        public void OnDatagram(ReadOnlySpan<byte> datagram, in PeerAddress remote, in DatagramInfo info)
        {
            var request = CoapMessage.Parse(datagram);
            if (request.Code != CoapCode.Get)
            {
                return;
            }

            Requests++;
            var sent = new HashSet<int>();
            foreach (var option in request.Options.GetAll(CoapOptionNumber.QBlock2))
            {
                Assert.True(CoapBlock.TryDecode(option.Value.Span, out var block));
                _originalToken ??= request.Token.ToArray();
                var isContinue = block.More && block.Number % maxPayloads == 0;
                var token = isContinue ? _originalToken.Value : request.Token;
                var last = block.More ? Math.Min(_count, ((block.Number / maxPayloads) + 1) * maxPayloads) - 1 : block.Number;
                for (var n = block.Number; n <= last && n < _count; n++)
                {
                    if (sent.Add(n))
                    {
                        Send(token, n);
                    }
                }
            }
        }

        private void Send(ReadOnlyMemory<byte> token, int number)
        {
            var offset = number * 1024;
            var length = Math.Min(1024, body.Length - offset);
            var message = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = _messageId++, Token = token, Payload = body.AsMemory(offset, length) };
            message.Options.Add(CoapOptionNumber.ETag, new byte[] { 0x42 });
            if (maxAge is { } seconds)
            {
                message.Options.Add(CoapOptionNumber.MaxAge, seconds);
            }

            message.Options.Add(CoapOptionNumber.Size2, (uint)body.Length);
            message.Options.Add(CoapOptionNumber.QBlock2, new CoapBlock(number, number < _count - 1, 6).Value);
            harness.Network.Inject(s_serverAddress, DownloadHarness.ClientAddress, message.ToArray());
        }
    }
}
