using System.Diagnostics.Metrics;

namespace Coap.Diagnostics;

/// <summary>Block-wise transfer counters (RFC 7959, RFC 9177) of a server endpoint.</summary>
internal sealed partial class CoapMetrics
{
    private static readonly KeyValuePair<string, object?> s_block1Tag = new("coap.block.option", "Block1");
    private static readonly KeyValuePair<string, object?> s_qblock1Tag = new("coap.block.option", "Q-Block1");

    private Counter<long> _requestBodies = null!;
    private Counter<long> _requestBodiesRefused = null!;
    private Counter<long> _missingBlockRequests = null!;
    private Counter<long> _blocksFromCache = null!;

    public void RequestBodyReassembled(bool qblock) => _requestBodies.Add(1, qblock ? s_qblock1Tag : s_block1Tag);

    public void RequestBodyRefused() => _requestBodiesRefused.Add(1);

    public void MissingBlocksRequested() => _missingBlockRequests.Add(1);

    public void BlockServedFromCache() => _blocksFromCache.Add(1);

    private void CreateBlockWiseInstruments()
    {
        _requestBodies = _meter.CreateCounter<long>("coap.blockwise.request_bodies", "{body}", "Request bodies reassembled from blocks and handed to a handler, by block option.");
        _requestBodiesRefused = _meter.CreateCounter<long>("coap.blockwise.request_bodies.refused", "{body}", "Request bodies refused with 4.13 or 5.03 because a size or reassembly limit was reached.");
        _missingBlockRequests = _meter.CreateCounter<long>("coap.blockwise.missing_block_requests", "{message}", "4.08 responses listing missing Q-Block1 blocks (RFC 9177 §5).");
        _blocksFromCache = _meter.CreateCounter<long>("coap.blockwise.blocks_from_cache", "{block}", "Block2 follow-up requests answered from the response body cache without running the handler.");
    }
}
