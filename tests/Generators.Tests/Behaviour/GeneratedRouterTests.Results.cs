namespace Coap.Generators.Tests.Behaviour;

public sealed partial class GeneratedRouterTests
{
    [Fact]
    public async Task AsyncAction_ThatCompletesLater_IsAwaited()
    {
        AssertResponse(await App.GetAsync("/sensors/slow"), CoapCode.Content, "slow");
    }

    [Fact]
    public async Task ValueTaskAction_CompletedSynchronously_IsWritten()
    {
        AssertResponse(await App.GetAsync("/sensors/fast"), CoapCode.Content, "42");
    }

    [Fact]
    public async Task TaskAction_WithoutValue_AnswersChangedForPut()
    {
        AssertResponse(await App.SendAsync(CoapRequest.Put(App.Uri("/sensors/slow-void"))), CoapCode.Changed);
    }

    [Fact]
    public async Task JsonResult_IsSerialisedAsApplicationJson()
    {
        var response = await App.GetAsync("/sensors/latest");

        AssertResponse(response, CoapCode.Content, """{"sensor":"t1","value":21.5}""");
        Assert.Equal(CoapContentFormat.Json, response.ContentFormat);
    }

    [Fact]
    public async Task Accept_OtherThanTheActionsFormat_IsNotAcceptable()
    {
        AssertResponse(await App.SendAsync(WithAccept(CoapRequest.Get(App.Uri("/sensors/latest")), CoapContentFormat.TextPlain)), CoapCode.NotAcceptable);
        AssertResponse(await App.SendAsync(WithAccept(CoapRequest.Get(App.Uri("/sensors/temp")), CoapContentFormat.Json)), CoapCode.NotAcceptable);
    }

    [Fact]
    public async Task Accept_MatchingTheActionsFormat_IsServed()
    {
        AssertResponse(await App.SendAsync(WithAccept(CoapRequest.Get(App.Uri("/sensors/latest")), CoapContentFormat.Json)), CoapCode.Content);
        AssertResponse(await App.SendAsync(WithAccept(CoapRequest.Get(App.Uri("/sensors/temp")), CoapContentFormat.TextPlain)), CoapCode.Content, "21.5");
    }

    [Fact]
    public async Task ContentFormatAttribute_SetsTheFormatOfBinaryResults()
    {
        var response = await App.GetAsync("/sensors/bytes");

        AssertResponse(response, CoapCode.Content);
        Assert.Equal(CoapContentFormat.Cbor, response.ContentFormat);
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Payload.ToArray());
        AssertResponse(await App.SendAsync(WithAccept(CoapRequest.Get(App.Uri("/sensors/bytes")), CoapContentFormat.OctetStream)), CoapCode.NotAcceptable);
    }

    [Fact]
    public async Task MaxAgeAttribute_AddsMaxAge()
    {
        var response = await App.GetAsync("/sensors/cached");

        AssertResponse(response, CoapCode.Content, "cached");
        Assert.Equal(60u, response.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Null((await App.GetAsync("/sensors/temp")).Options.GetUInt(CoapOptionNumber.MaxAge));
    }

    [Fact]
    public async Task CoapResult_IsWrittenAsIs()
    {
        var request = CoapRequest.Post(App.Uri("/sensors/readings")).WithPayload(Utf8("""{"sensor":"t1","value":150}"""), CoapContentFormat.Json);

        AssertResponse(await App.SendAsync(request), CoapCode.BadRequest, "too hot");
    }

    [Fact]
    public async Task ThrowingAction_IsInternalServerError_AndTheScopeIsDisposed()
    {
        var before = App.GetStatic<int>("App.ScopedThing", "Disposed");

        AssertResponse(await App.GetAsync("/sensors/throws"), CoapCode.InternalServerError);
        Assert.True(App.GetStatic<int>("App.ScopedThing", "Disposed") > before);
    }
}
