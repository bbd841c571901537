namespace Coap.Generators.Tests.Behaviour;

public sealed partial class GeneratedRouterTests
{
    [Fact]
    public async Task WellKnownCore_ListsRoutesWithoutParameters_WithTheirAttributes()
    {
        var response = await App.GetAsync("/.well-known/core");

        AssertResponse(response, CoapCode.Content);
        Assert.Equal(CoapContentFormat.LinkFormat, response.ContentFormat);
        var links = response.GetPayloadAsString().Split(',');
        Assert.Contains("</sensors/temp>;rt=\"temperature-c\";if=\"core.s\";ct=0;title=\"Temperature\"", links);
        Assert.Contains("</sensors/setpoint>", links);
        Assert.Contains("</sensors/bytes>;ct=60", links);
        Assert.DoesNotContain(links, l => l.Contains('{', StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l.Contains(".well-known", StringComparison.Ordinal));
        Assert.Equal(links.Length, links.Distinct().Count());
    }

    [Fact]
    public async Task WellKnownCore_FiltersByResourceType()
    {
        var response = await App.GetAsync("/.well-known/core?rt=search");

        AssertResponse(response, CoapCode.Content, "</sensors/search>;rt=\"search\"");
    }

    [Fact]
    public async Task WellKnownCore_OtherMethods_AreMethodNotAllowed()
    {
        AssertResponse(await App.SendAsync(CoapRequest.Post(App.Uri("/.well-known/core"))), CoapCode.MethodNotAllowed);
    }
}
