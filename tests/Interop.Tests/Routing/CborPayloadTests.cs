using Coap.Cbor;

namespace Coap.Interop.Tests.Routing;

/// <summary>POCO payloads and results in CBOR (Content-Format 60) through the generated router, over UDP.</summary>
[Trait("Category", "Interop")]
public sealed class CborPayloadTests(RoutingServerFixture server) : IClassFixture<RoutingServerFixture>
{
    [Fact]
    public async Task CborPayload_IsBound_AndAcceptCbor_GetsCborBack()
    {
        await using var client = new CoapClient();
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("name");
        writer.WriteTextString("cbor-sensor");
        writer.WriteTextString("intervalSeconds");
        writer.WriteInt32(9);
        writer.WriteEndMap();

        var put = await client.PutAsync(server.Uri("127.0.0.1", "/sensors/config"), writer.Encode(), CoapContentFormat.Cbor);
        var get = CoapRequest.Get(server.Uri("127.0.0.1", "/sensors/config"));
        get.Options.Add(CoapOptionNumber.Accept, (uint)CoapContentFormat.Cbor);
        var response = await client.SendAsync(get);

        Assert.Equal(CoapCode.Changed, put.Code);
        Assert.Equal(new Controllers.SensorConfig("cbor-sensor", 9), server.Store.Current);
        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(CoapContentFormat.Cbor, response.ContentFormat);
        var reader = new CborReader(response.Payload.Span);
        Assert.Equal(2, reader.ReadStartMap());
        Assert.Equal("name", reader.ReadTextString());
        Assert.Equal("cbor-sensor", reader.ReadTextString());
        Assert.Equal("intervalSeconds", reader.ReadTextString());
        Assert.Equal(9, reader.ReadInt32());
        reader.ReadEndMap();
    }

    [Fact]
    public async Task MalformedCbor_Gets400_NamingTheParameter()
    {
        await using var client = new CoapClient();

        var response = await client.PutAsync(server.Uri("127.0.0.1", "/sensors/config"), new byte[] { 0xA2, 0x61 }, CoapContentFormat.Cbor);

        Assert.Equal(CoapCode.BadRequest, response.Code);
        Assert.Contains("config", response.GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptOtherThanJsonOrCbor_Gets406()
    {
        await using var client = new CoapClient();
        var get = CoapRequest.Get(server.Uri("127.0.0.1", "/sensors/config"));
        get.Options.Add(CoapOptionNumber.Accept, (uint)CoapContentFormat.Xml);

        var response = await client.SendAsync(get);

        Assert.Equal(CoapCode.NotAcceptable, response.Code);
    }
}
