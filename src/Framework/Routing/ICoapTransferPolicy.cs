namespace Coap.Routing;

/// <summary>
/// Per-route transfer settings the endpoint needs before a handler runs: a generated router
/// implements it so that blocks of a <c>[QBlock]</c> action are reassembled with Q-Block.
/// </summary>
public interface ICoapTransferPolicy
{
    /// <summary>Whether any action carries <c>[QBlock]</c>: the endpoint then recognises options 19 and 31 (RFC 9177 §4.1).</summary>
    bool HasQBlockRoutes { get; }

    /// <summary>The <c>[QBlock]</c> of the action this request would reach (method and path), or null.</summary>
    QBlockAttribute? FindQBlock(CoapContext context);
}
