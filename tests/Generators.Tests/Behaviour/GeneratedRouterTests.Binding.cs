namespace Coap.Generators.Tests.Behaviour;

public sealed partial class GeneratedRouterTests
{
    [Fact]
    public async Task IntWithoutConstraint_NotANumber_IsBadRequestNamingTheValue()
    {
        var response = await App.GetAsync("/sensors/double/abc");

        AssertResponse(response, CoapCode.BadRequest, "Invalid 'n': 'abc' is not a valid Int32");
        Assert.Equal(CoapContentFormat.TextPlain, response.ContentFormat);
    }

    [Fact]
    public async Task IntWithoutConstraint_Number_IsBound()
    {
        AssertResponse(await App.GetAsync("/sensors/double/21"), CoapCode.Content, "42");
    }

    [Theory]
    [InlineData("green", "color Green")]
    [InlineData("Blue", "color Blue")]
    [InlineData("0", "color Red")]
    public async Task Enum_BindsNamesCaseInsensitivelyAndNumbers(string segment, string expected)
    {
        AssertResponse(await App.GetAsync("/sensors/color/" + segment), CoapCode.Content, expected);
    }

    [Fact]
    public async Task Enum_UnknownName_IsBadRequest()
    {
        AssertResponse(await App.GetAsync("/sensors/color/purple"), CoapCode.BadRequest, "Invalid 'color': 'purple' is not a valid Color");
    }

    [Fact]
    public async Task Query_MissingOptionalValues_TakeTheirDefaults()
    {
        AssertResponse(await App.GetAsync("/sensors/search?q=lamp"), CoapCode.Content, "lamp:10:null");
    }

    [Fact]
    public async Task Query_GivenValues_AreBound()
    {
        AssertResponse(await App.GetAsync("/sensors/search?q=lamp&limit=5&exact=true"), CoapCode.Content, "lamp:5:True");
    }

    [Fact]
    public async Task Query_MissingRequiredValue_IsBadRequest()
    {
        AssertResponse(await App.GetAsync("/sensors/search?limit=5"), CoapCode.BadRequest, "Invalid 'q': a value is required");
    }

    [Fact]
    public async Task Query_InvalidValue_IsBadRequest()
    {
        AssertResponse(await App.GetAsync("/sensors/search?q=x&limit=many"), CoapCode.BadRequest, "Invalid 'limit': 'many' is not a valid Int32");
    }

    [Fact]
    public async Task JsonPayload_WithJsonContentFormat_IsDeserialised()
    {
        var request = CoapRequest.Post(App.Uri("/sensors/readings")).WithPayload(Utf8("""{"sensor":"t1","value":21.5}"""), CoapContentFormat.Json);

        AssertResponse(await App.SendAsync(request), CoapCode.Content, "t1=21.5");
    }

    [Fact]
    public async Task JsonPayload_WithAnotherContentFormat_IsUnsupportedContentFormat()
    {
        var text = CoapRequest.Post(App.Uri("/sensors/readings")).WithPayload("""{"sensor":"t1","value":21.5}""");
        var none = CoapRequest.Post(App.Uri("/sensors/readings")).WithPayload(Utf8("""{"sensor":"t1","value":21.5}"""));

        AssertResponse(await App.SendAsync(text), CoapCode.UnsupportedContentFormat);
        AssertResponse(await App.SendAsync(none), CoapCode.UnsupportedContentFormat);
    }

    [Fact]
    public async Task JsonPayload_Malformed_IsBadRequest()
    {
        var request = CoapRequest.Post(App.Uri("/sensors/readings")).WithPayload(Utf8("{not json"), CoapContentFormat.Json);

        var response = await App.SendAsync(request);

        AssertResponse(response, CoapCode.BadRequest);
        Assert.StartsWith("Invalid 'reading': ", response.GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NumberPayload_IsParsedFromText()
    {
        var good = CoapRequest.Put(App.Uri("/sensors/setpoint")).WithPayload("21.5");
        var bad = CoapRequest.Put(App.Uri("/sensors/setpoint")).WithPayload("warm");
        var json = CoapRequest.Put(App.Uri("/sensors/setpoint")).WithPayload(Utf8("21.5"), CoapContentFormat.Json);

        AssertResponse(await App.SendAsync(good), CoapCode.Changed);
        AssertResponse(await App.SendAsync(bad), CoapCode.BadRequest, "Invalid 'celsius': 'warm' is not a valid Double");
        AssertResponse(await App.SendAsync(json), CoapCode.UnsupportedContentFormat);
    }

    [Fact]
    public async Task TextPayload_IsBound()
    {
        var request = CoapRequest.Post(App.Uri("/sensors/text")).WithPayload("hi");

        AssertResponse(await App.SendAsync(request), CoapCode.Content, "echo hi");
    }

    [Fact]
    public async Task Services_AreInjectedIntoTheControllerConstructor()
    {
        AssertResponse(await App.GetAsync("/sensors/greet/bob"), CoapCode.Content, "hello bob!");
    }

    [Fact]
    public async Task CancellationToken_IsTheRequestsAbortToken()
    {
        AssertResponse(await App.GetAsync("/sensors/slow"), CoapCode.Content, "slow");
    }
}
