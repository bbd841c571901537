namespace Coap.Generators.Tests.Behaviour;

public sealed partial class GeneratedRouterTests
{
    [Fact]
    public async Task PerRequestController_IsANewInstanceForEveryRequest()
    {
        var first = (await App.GetAsync("/instances")).GetPayloadAsString();
        var second = (await App.GetAsync("/instances")).GetPayloadAsString();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SingletonController_IsTheSameInstanceForEveryRequest()
    {
        var first = (await App.GetAsync("/singleton")).GetPayloadAsString();
        var second = (await App.GetAsync("/singleton")).GetPayloadAsString();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task PerRequestController_SeesTheRequestThroughContext()
    {
        AssertResponse(await App.GetAsync("/instances/path"), CoapCode.Content, "/instances/path");
    }

    [Fact]
    public async Task SingletonController_GetsTheRequestAsAParameter_NotThroughContext()
    {
        AssertResponse(await App.GetAsync("/singleton/path"), CoapCode.Content, "/singleton/path");
        AssertResponse(await App.GetAsync("/singleton/context"), CoapCode.Content, "no context");
    }

    [Fact]
    public async Task PerRequestScope_IsDisposedAfterTheResponse()
    {
        var before = App.GetStatic<int>("App.ScopedThing", "Disposed");

        AssertResponse(await App.GetAsync("/sensors/temp"), CoapCode.Content);

        Assert.True(App.GetStatic<int>("App.ScopedThing", "Disposed") > before);
    }
}
