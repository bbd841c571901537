using System.Text;
using Coap.Observe.Bindings;
using Coap.TestUtilities;

namespace Coap.FunctionalTests.Bindings;

/// <summary>The Binding Table resource over real loopback UDP (LB-02, LB-03, §3.4 error codes).</summary>
public sealed class BindingTableResourceTests : IAsyncLifetime
{
    private const string Figure2Put =
        "<coap://sensor.example.com/s/light>;\n" +
        "    rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60";

    private const string Figure2Rendered =
        "<coap://sensor.example.com/s/light>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60";

    private readonly BindingTable _table = new();
    private readonly BindingTableResource _resource;
    private readonly CoapServer _server;
    private readonly CoapClient _client = new();
    private string _uri = "";

    public BindingTableResourceTests()
    {
        var light = new BindingResourceInfo("/a/light", BindingMethods.Observe | BindingMethods.Poll, BindingRoles.Destination, ConditionalAttributes.None);
        _resource = new BindingTableResource(_table, path => path == light.Path ? light : null);
        var handler = new DelegateHandler(context =>
        {
            if (context.GetPath() == _resource.Path)
            {
                return _resource.HandleAsync(context);
            }

            context.Response.Code = CoapCode.NotFound;
            return ValueTask.CompletedTask;
        });
        var options = new CoapServerOptions();
        options.Endpoints.Add("coap://127.0.0.1:0");
        _server = new CoapServer(handler, options);
    }

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _uri = $"coap://127.0.0.1:{_server.LocalEndPoints[0].Port}/bnd/";
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<CoapResponse> SendAsync(CoapRequest request) => _client.SendAsync(request, CancellationToken.None);

    private Task<CoapResponse> PutAsync(string payload, ushort? contentFormat = CoapContentFormat.LinkFormat) =>
        SendAsync(CoapRequest.Put(_uri).WithPayload(Encoding.UTF8.GetBytes(payload), contentFormat));

    [Fact]
    public async Task Get_EmptyTable_IsEmptyLinkFormat()
    {
        var response = await SendAsync(CoapRequest.Get(_uri));

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(CoapContentFormat.LinkFormat, response.ContentFormat);
        Assert.True(response.Payload.IsEmpty);
    }

    [Fact]
    public async Task Put_Figure2_ThenGet_ReturnsTheTable()
    {
        var put = await PutAsync(Figure2Put);
        var get = await SendAsync(CoapRequest.Get(_uri));

        Assert.Equal(CoapCode.Changed, put.Code);
        Assert.Equal(CoapCode.Content, get.Code);
        Assert.Equal(CoapContentFormat.LinkFormat, get.ContentFormat);
        Assert.Equal(Figure2Rendered, get.GetPayloadAsString());
        Assert.Equal(BindingMethods.Observe, Assert.Single(_table.Entries).Method);
    }

    [Fact]
    public async Task Put_Invalid_Is400WithDiagnostic_AndLeavesTheTable()
    {
        Assert.Equal(CoapCode.Changed, (await PutAsync(Figure2Put)).Code);

        var response = await PutAsync("<coap://h/s>;rel=\"boundto\";anchor=\"/a/light\"");

        Assert.Equal(CoapCode.BadRequest, response.Code);
        Assert.Null(response.ContentFormat);
        Assert.Equal("Link 1 <coap://h/s>: bind (obs, poll, push or exec) is missing.", response.GetPayloadAsString());
        Assert.Equal(Figure2Rendered, (await SendAsync(CoapRequest.Get(_uri))).GetPayloadAsString());
    }

    [Fact]
    public async Task Put_InvalidUtf8_Is400()
    {
        var response = await SendAsync(CoapRequest.Put(_uri).WithPayload(new byte[] { (byte)'<', 0xFF, (byte)'>' }, CoapContentFormat.LinkFormat));

        Assert.Equal(CoapCode.BadRequest, response.Code);
        Assert.Contains("UTF-8", response.GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_EmptyPayload_ClearsTheTable()
    {
        Assert.Equal(CoapCode.Changed, (await PutAsync(Figure2Put)).Code);

        var response = await SendAsync(CoapRequest.Put(_uri));

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Empty(_table.Entries);
        Assert.True((await SendAsync(CoapRequest.Get(_uri))).Payload.IsEmpty);
    }

    [Theory]
    [InlineData(CoapContentFormat.TextPlain)]
    [InlineData(CoapContentFormat.LinkFormatJson)]
    public async Task Put_OtherContentFormat_Is415(ushort format)
    {
        var response = await PutAsync(Figure2Put, format);

        Assert.Equal(CoapCode.UnsupportedContentFormat, response.Code);
        Assert.Empty(_table.Entries);
    }

    [Fact]
    public async Task Put_PayloadWithoutContentFormat_Is415()
    {
        var response = await PutAsync(Figure2Put, contentFormat: null);

        Assert.Equal(CoapCode.UnsupportedContentFormat, response.Code);
        Assert.Empty(_table.Entries);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("FETCH")]
    [InlineData("PATCH")]
    [InlineData("iPATCH")]
    public async Task OtherMethods_Are405(string method)
    {
        var code = method switch
        {
            "POST" => CoapCode.Post,
            "DELETE" => CoapCode.Delete,
            "FETCH" => CoapCode.Fetch,
            "PATCH" => CoapCode.Patch,
            _ => CoapCode.IPatch,
        };

        var response = await SendAsync(new CoapRequest(code, _uri).WithPayload(Encoding.UTF8.GetBytes(Figure2Put), CoapContentFormat.LinkFormat));

        Assert.Equal(CoapCode.MethodNotAllowed, response.Code);
        Assert.Empty(_table.Entries);
    }

    [Fact]
    public async Task Get_WithOtherAccept_Is406()
    {
        var request = CoapRequest.Get(_uri);
        request.Options.Add(CoapOption.FromUInt(CoapOptionNumber.Accept, CoapContentFormat.TextPlain));

        var response = await SendAsync(request);

        Assert.Equal(CoapCode.NotAcceptable, response.Code);
    }
}
