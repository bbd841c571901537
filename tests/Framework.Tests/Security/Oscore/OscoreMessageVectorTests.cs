using Coap.Security.Oscore;
using Coap.Tests.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Security.Oscore;

public sealed class OscoreMessageVectorTests
{
    private const string C4Request = "44015d1f00003974396c6f63616c686f737483747631";
    private const string C4Protected = "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e";
    private const string Response = "64455d1f00003974ff48656c6c6f20576f726c6421";

    [Theory]
    [InlineData("C1", C4Request, C4Protected)]
    [InlineData("C2", "440171c30000b932396c6f63616c686f737483747631", "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0")]
    [InlineData("C3", "44012f8eef9bbf7a396c6f63616c686f737483747631", "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3")]
    public void C4ToC6_ProtectRequestWithSsn20_GivesTheRfcBytes_AndUnprotectsBack(string vector, string unprotectedHex, string protectedHex)
    {
        using var client = Context(vector, client: true, ssn: 20);
        using var server = Context(vector, client: false);
        var request = CoapMessage.Parse(Hex.Parse(unprotectedHex));

        Assert.Equal(OscoreProtectResult.Ok, new OscoreProtector().ProtectRequest(client, request, out var protectedRequest, out var binding));
        Wire.Equal(protectedHex, protectedRequest!.ToArray());
        Assert.Equal(21UL, client.Sender.NextSequenceNumber);
        Assert.Equal(new OscorePartialIv(20, 1), binding.RequestPartialIv);

        var protector = new OscoreProtector(new OscoreContextList(server));
        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequest(CoapMessage.Parse(Hex.Parse(protectedHex)), out var decrypted, out var serverBinding));
        Wire.Equal(unprotectedHex, decrypted!.ToArray());
        Assert.Same(server, serverBinding.Context);
        Assert.Equal(binding.RequestPartialIv, serverBinding.RequestPartialIv);
        Wire.Equal(binding.RequestKid.Span, serverBinding.RequestKid.Span);
    }

    [Theory]
    [InlineData(false, "64445d1f0000397490ffdbaad1e9a7e7b2a813d3c31524378303cdafae119106")]
    [InlineData(true, "64445d1f00003974920100ff4d4c13669384b67354b2b6175ff4b8658c666a6cf88e")]
    public void C7AndC8_ProtectResponse_GivesTheRfcBytes_AndUnprotectsBack(bool withPartialIv, string protectedHex)
    {
        using var server = OscoreVectors.C1(client: false);
        using var client = OscoreVectors.C1(client: true, ssn: 20);
        var protector = new OscoreProtector(new OscoreContextList(server));
        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequest(CoapMessage.Parse(Hex.Parse(C4Protected)), out _, out var serverBinding));

        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponse(serverBinding, CoapMessage.Parse(Hex.Parse(Response)), withPartialIv, out var protectedResponse));
        Wire.Equal(protectedHex, protectedResponse!.ToArray());

        var clientBinding = new OscoreRequestBinding(client, client.Sender.Id, new OscorePartialIv(20, 1));
        Assert.Equal(OscoreUnprotectResult.Ok, new OscoreProtector().UnprotectResponse(clientBinding, CoapMessage.Parse(Hex.Parse(protectedHex)), out var response, out var piv));
        Wire.Equal(Response, response!.ToArray());
        Assert.Equal(withPartialIv ? new OscorePartialIv(0, 1) : null, piv);
    }

    [Fact]
    public void Observe_Request_UsesFetchAndKeepsBothValues_Notification_Uses205AndAnEmptyInnerObserve()
    {
        using var client = OscoreVectors.C2(client: true);
        using var server = OscoreVectors.C2(client: false);
        var request = new CoapMessage { Code = CoapCode.Get, MessageId = 1, Token = new byte[] { 7 } };
        request.Options.Add(CoapOptionNumber.Observe, 0u).Add(CoapOptionNumber.UriPath, "temp");

        var protector = new OscoreProtector(new OscoreContextList(server));
        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectRequest(client, request, out var outerRequest, out var binding));
        Assert.Equal(CoapCode.Fetch, outerRequest!.Code);
        Assert.True(outerRequest.Options.Contains(CoapOptionNumber.Observe));
        Assert.False(outerRequest.Options.Contains(CoapOptionNumber.UriPath));
        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectRequest(outerRequest, out var received, out var serverBinding));
        Assert.Equal(CoapCode.Get, received!.Code);
        Assert.Equal(0u, received.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.Equal("temp", received.Options.GetString(CoapOptionNumber.UriPath));

        var notification = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = 2, Token = new byte[] { 7 }, Payload = "21"u8.ToArray() };
        notification.Options.Add(CoapOptionNumber.Observe, 5u).Add(CoapOptionNumber.MaxAge, 60u);
        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectResponse(serverBinding, notification, includePartialIv: true, out var outerNotification));
        Assert.Equal(CoapCode.Content, outerNotification!.Code);
        Assert.Equal(5u, outerNotification.Options.GetUInt(CoapOptionNumber.Observe));
        Assert.False(outerNotification.Options.Contains(CoapOptionNumber.MaxAge));

        Assert.Equal(OscoreUnprotectResult.Ok, protector.UnprotectResponse(binding, outerNotification, out var decrypted, out var piv));
        Assert.Equal(CoapCode.Content, decrypted!.Code);
        Assert.True(decrypted.Options.TryGet(CoapOptionNumber.Observe, out var innerObserve));
        Assert.True(innerObserve.Value.IsEmpty);
        Assert.Equal(60u, decrypted.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Equal("21"u8.ToArray(), decrypted.Payload.ToArray());
        Assert.Equal(new OscorePartialIv(0, 1), piv);
    }

    [Fact]
    public void ProxyUri_IsRefusedRatherThanSentInTheClear()
    {
        using var client = OscoreVectors.C1(client: true);
        var request = new CoapMessage { Code = CoapCode.Get };
        request.Options.Add(CoapOptionNumber.ProxyUri, "coap://example.com/a");
        Assert.Equal(OscoreProtectResult.ProxyUriNotSupported, new OscoreProtector().ProtectRequest(client, request, out var outer, out _));
        Assert.Null(outer);
    }

    [Fact]
    public void SequenceNumberExhaustion_StopsProtection()
    {
        using var client = OscoreVectors.C1(client: true, ssn: OscoreSenderContext.MaxSequenceNumber);
        var request = new CoapMessage { Code = CoapCode.Get };
        var protector = new OscoreProtector();
        Assert.Equal(OscoreProtectResult.Ok, protector.ProtectRequest(client, request, out _, out var binding));
        Assert.Equal(5, binding.RequestPartialIv.Length);
        Assert.Equal(OscoreProtectResult.SequenceNumberExhausted, protector.ProtectRequest(client, request, out _, out _));
    }

    private static OscoreSecurityContext Context(string vector, bool client, ulong ssn = 0) => vector switch
    {
        "C1" => OscoreVectors.C1(client, ssn),
        "C2" => OscoreVectors.C2(client, ssn),
        _ => OscoreVectors.C3(client, ssn),
    };
}
