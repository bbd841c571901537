namespace Coap.Routing;

/// <summary>
/// Per-route transfer settings the endpoint needs before a handler runs: a generated router
/// implements it so that blocks of a <c>[QBlock]</c> action are reassembled with Q-Block.
/// </summary>
public interface ICoapTransferPolicy
{
    /// <summary>The <c>[QBlock]</c> of the action this request would reach (method and path), or null.</summary>
    QBlockAttribute? FindQBlock(CoapContext context);
}
