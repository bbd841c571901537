namespace Coap.Generators.Tests.Behaviour;

public sealed partial class GeneratedRouterTests
{
    [Fact]
    public async Task LiteralRoute_AnswersWithTheAction()
    {
        var response = await App.GetAsync("/sensors/temp");

        AssertResponse(response, CoapCode.Content, "21.5");
        Assert.Equal(CoapContentFormat.TextPlain, response.ContentFormat);
    }

    [Fact]
    public async Task IntConstraint_Matching_BindsTheInt()
    {
        AssertResponse(await App.GetAsync("/sensors/temp/42"), CoapCode.Content, "int 42");
    }

    [Fact]
    public async Task IntConstraint_Mismatch_FallsThroughToThePlainParameterRoute()
    {
        AssertResponse(await App.GetAsync("/sensors/temp/abc"), CoapCode.Content, "name abc");
    }

    [Fact]
    public async Task GuidConstraint_Mismatch_IsNotFound()
    {
        AssertResponse(await App.GetAsync("/sensors/guid/not-a-guid"), CoapCode.NotFound);
    }

    [Fact]
    public async Task GuidConstraint_Matching_BindsTheGuid()
    {
        var id = Guid.NewGuid();

        AssertResponse(await App.GetAsync($"/sensors/guid/{id}"), CoapCode.Content, "guid " + id.ToString("N"));
    }

    [Fact]
    public async Task UnknownPaths_AreNotFound()
    {
        AssertResponse(await App.GetAsync("/nope"), CoapCode.NotFound);
        AssertResponse(await App.GetAsync("/sensors/temp/1/2"), CoapCode.NotFound);
        AssertResponse(await App.GetAsync("/"), CoapCode.NotFound);
    }

    [Fact]
    public async Task KnownPath_WithAnotherMethod_IsMethodNotAllowed()
    {
        AssertResponse(await App.SendAsync(CoapRequest.Delete(App.Uri("/sensors/temp"))), CoapCode.MethodNotAllowed);
        AssertResponse(await App.SendAsync(CoapRequest.Post(App.Uri("/sensors/temp/5"))), CoapCode.MethodNotAllowed);
        AssertResponse(await App.SendAsync(CoapRequest.Fetch(App.Uri("/sensors/files/a/b"))), CoapCode.MethodNotAllowed);
    }

    [Fact]
    public async Task SeveralMethodsOnOnePath_EachReachItsAction()
    {
        AssertResponse(await App.SendAsync(CoapRequest.Put(App.Uri("/sensors/setpoint")).WithPayload("21.5")), CoapCode.Changed);
        AssertResponse(await App.SendAsync(CoapRequest.Post(App.Uri("/sensors/setpoint"))), CoapCode.Changed);
        AssertResponse(await App.SendAsync(CoapRequest.Delete(App.Uri("/sensors/setpoint"))), CoapCode.Deleted);
        AssertResponse(await App.GetAsync("/sensors/setpoint"), CoapCode.Content, "");
        AssertResponse(await App.SendAsync(CoapRequest.Patch(App.Uri("/sensors/setpoint"))), CoapCode.MethodNotAllowed);
    }

    [Fact]
    public async Task CatchAll_BindsTheRemainingSegmentsJoined()
    {
        AssertResponse(await App.GetAsync("/sensors/files/a/b/c.txt"), CoapCode.Content, "file a/b/c.txt");
        AssertResponse(await App.GetAsync("/sensors/files/one"), CoapCode.Content, "file one");
    }

    [Fact]
    public async Task CatchAll_MatchesZeroSegments()
    {
        AssertResponse(await App.GetAsync("/sensors/files"), CoapCode.Content, "file ");
    }

    [Fact]
    public void Routes_ListEveryActionWithItsTemplateAndHandler()
    {
        var routes = App.Router.Routes;

        Assert.Contains(routes, r => r.Method == CoapCode.Get && r.Template == "/sensors/temp/{id:int}" && r.Handler == "SensorsController.ById");
        Assert.Contains(routes, r => r.Method == CoapCode.Delete && r.Template == "/sensors/setpoint" && r.Handler == "SensorsController.ClearSetPoint");
        Assert.Contains(routes, r => r.Method == CoapCode.Get && r.Template == "/singleton" && r.Handler == "SingletonController.Id");
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }
}
