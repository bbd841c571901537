namespace Coap.Tests.BlockWise.Inbound;

/// <summary>Block-wise counters on the "Coap" meter, read from the server endpoint's own meter instance.</summary>
public sealed class BlockWiseMetricsTests
{
    [Fact]
    public async Task ReassembledAndRefusedBodies_AreCounted()
    {
        await using var harness = new InboundHarness(o => o.MaxBodySize = 256);
        using var counts = new MeterCounts(harness.Metrics.Meter);
        var body = InboundHarness.Body((2 * 64) + 10);

        for (var number = 0; number < 3; number++)
        {
            harness.SendBlock(body, number, szx: 2);
        }

        harness.SendBlock(InboundHarness.Body(1000), 0, szx: 2, size1: true, path: "other");

        Assert.Equal(1, counts["coap.blockwise.request_bodies[Block1]"]);
        Assert.Equal(1, counts["coap.blockwise.request_bodies.refused"]);
        Assert.Equal(0, counts["coap.blockwise.missing_block_requests"]);
    }
}
