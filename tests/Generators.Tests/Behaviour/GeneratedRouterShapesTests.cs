using Coap.Generators.Tests.Infrastructure;

namespace Coap.Generators.Tests.Behaviour;

/// <summary>Routers for unusual shapes: the root path, inherited and multi-method actions.</summary>
public sealed class GeneratedRouterShapesTests
{
    [Fact]
    public async Task MixedControllers_RouteTheRootInheritedAndMultiMethodActions()
    {
        await using var app = await CompiledApp.StartAsync(GeneratorHarness.ReadSource("MixedControllers"));

        Assert.Equal("root", (await app.GetAsync("/")).GetPayloadAsString());
        Assert.Equal("1", (await app.GetAsync("/version")).GetPayloadAsString());
        Assert.Equal("event", (await app.GetAsync("/event")).GetPayloadAsString());
        Assert.Equal("hi", (await app.GetAsync("/echo?q=hi")).GetPayloadAsString());
        Assert.Equal("hi", (await app.SendAsync(CoapRequest.Fetch(app.Uri("/echo?q=hi")))).GetPayloadAsString());
        Assert.Equal(CoapCode.Changed, (await app.SendAsync(CoapRequest.IPatch(app.Uri("/nested/item")).WithPayload(new byte[] { 1 }))).Code);
        Assert.Equal(CoapCode.Changed, (await app.SendAsync(CoapRequest.Patch(app.Uri("/nested/item")))).Code);
        Assert.Equal(CoapCode.MethodNotAllowed, (await app.SendAsync(CoapRequest.Put(app.Uri("/nested/item")))).Code);
    }
}
