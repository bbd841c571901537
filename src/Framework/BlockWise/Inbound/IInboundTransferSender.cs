using Coap.Transport;

namespace Coap.BlockWise.Inbound;

/// <summary>How the reassembly asks for missing Q-Block1 blocks from its timer (the endpoint sends).</summary>
internal interface IInboundTransferSender
{
    /// <summary>Sends NON 4.08 with Content-Format 272 listing <paramref name="missing"/>; returns its message ID.</summary>
    ushort SendMissingBlocks(in PeerAddress peer, ReadOnlySpan<byte> token, ReadOnlySpan<int> missing);
}
