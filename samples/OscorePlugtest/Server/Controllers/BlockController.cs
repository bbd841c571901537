using Coap;

namespace OscorePlugtest.Server.Controllers;

/// <summary>
/// /oscore/block/outer and /oscore/block/inner: a body larger than one block. The framework splits the
/// response before protecting it, so both travel as inner Block2 (RFC 8613 §4.1.3.4.1); outer Block2 is for
/// proxies, which the framework does not generate.
/// </summary>
[CoapController("oscore/block", Lifetime = ControllerLifetime.Singleton), RequireOscore]
public sealed class BlockController : CoapController
{
    /// <summary>The large resource, as the spec names it for outer block-wise transfer.</summary>
    [Get("outer"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Outer() => Large();

    /// <summary>The large resource, as the spec names it for inner block-wise transfer.</summary>
    [Get("inner"), ContentFormat(CoapContentFormat.TextPlain)]
    public CoapResult Inner() => Large();

    private static CoapResult Large() => CoapResult.WithPayload(CoapCode.Content, PlugtestBodies.LargeResource, CoapContentFormat.TextPlain);
}
