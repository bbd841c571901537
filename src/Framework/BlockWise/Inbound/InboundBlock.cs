using Coap.Transport;

namespace Coap.BlockWise.Inbound;

/// <summary>One block of a request body as received: what the reassembly needs from the request.</summary>
internal readonly ref struct InboundBlock
{
    public required PeerAddress Peer { get; init; }

    public required ReadOnlySpan<byte> Identity { get; init; }

    public required CoapBlock Block { get; init; }

    /// <summary>Size1 of the request, or -1 when absent.</summary>
    public required long Size1 { get; init; }

    public required ReadOnlySpan<byte> Payload { get; init; }

    public required ReadOnlySpan<byte> Token { get; init; }

    public required bool Confirmable { get; init; }
}
