using Coap;

namespace OscorePlugtest.Server.Controllers;

/// <summary>Test 11: DELETE /oscore/test answers 2.02 (there is nothing to delete; the exchange is what is tested).</summary>
[CoapController("oscore", Lifetime = ControllerLifetime.Singleton), RequireOscore]
public sealed class TestController : CoapController
{
    /// <summary>2.02 Deleted.</summary>
    [Delete("test")]
    public CoapResult Delete() => Deleted();
}
