using Coap.BlockWise;

namespace Coap.Tests.BlockWise.Inbound;

/// <summary>
/// A 1 MiB Q-Block1 body crosses a lossy network (both directions, seeded) to the server intact and the
/// action runs once. The client is scripted the way RFC 9177 §7.2 asks: NON sets of MAX_PAYLOADS, a pause
/// of NON_TIMEOUT_RANDOM unless a 2.31 arrives, and the blocks listed in a 4.08 sent again (QB-17, QB-56).
/// </summary>
public sealed class QBlock1LossTests
{
    [Theory]
    [InlineData(0.1, 0.0)]
    [InlineData(0.3, 0.0)]
    [InlineData(0.1, 0.2)]
    public async Task OneMiBBody_UnderLossAndDuplication_IsReassembledIntact_AndTheActionRunsOnce(double loss, double duplication)
    {
        await using var harness = QBlock1FigureTests.Create();
        harness.Network.LossRate = loss;
        harness.Network.DuplicateRate = duplication;
        const byte tag = 0x77;
        var body = InboundHarness.Body(1024 * 1024);
        var total = CoapBlock.CountBlocks(body.Length, 1024);
        var token = 0;
        var missing = new List<int>();

        void Send(int number) =>
            harness.SendBlock(body, number, 6, CoapOptionNumber.QBlock1, CoapMessageType.NonConfirmable, token: BitConverter.GetBytes(++token), requestTag: [tag], size1: true, path: "path");

        // Answers 4.08s by sending the listed blocks again; returns whether a 2.31 or the final response came.
        bool Process()
        {
            var proceed = false;
            foreach (var message in harness.Take())
            {
                if (message.Code == CoapCode.RequestEntityIncomplete && MissingBlocks.TryRead(message.Payload.Span, missing))
                {
                    missing.ForEach(Send);
                }
                else if (message.Code == CoapCode.Continue || message.Code == CoapCode.Changed)
                {
                    proceed = true;
                }
            }

            return proceed;
        }

        for (var start = 0; start < total; start += 10)
        {
            for (var number = start; number < Math.Min(total, start + 10); number++)
            {
                Send(number);
            }

            if (!Process())
            {
                harness.Time.Advance(TimeSpan.FromSeconds(2.5));
                Process();
            }
        }

        for (var second = 0; second < 600 && harness.Calls == 0; second++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            Process();
        }

        Assert.Equal(1, harness.Calls);
        Assert.True(body.AsSpan().SequenceEqual(Assert.Single(harness.Bodies)));
        Assert.Equal(0, harness.Server.InboundTransfers.ActiveCount);
        Assert.Equal(0, harness.Server.InboundTransfers.ReservedBytes);
    }
}
