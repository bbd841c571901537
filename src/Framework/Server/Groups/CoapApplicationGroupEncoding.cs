namespace Coap;

/// <summary>Where a request names its application group (draft-ietf-core-groupcomm-bis §2.2.1.2).</summary>
public enum CoapApplicationGroupEncoding
{
    /// <summary>
    /// The first two Uri-Path segments, <c>/gp/&lt;name&gt;/…</c> (the draft's recommended practice). The prefix is
    /// removed before routing, so <c>/gp/kitchen/light</c> reaches the action of <c>light</c>.
    /// </summary>
    Path,

    /// <summary>A Uri-Query argument <c>gp=&lt;name&gt;</c>; the path is routed as it is.</summary>
    Query,
}
