using System.Net;
using Coap.Routing;
using Coap.TestUtilities;

namespace Coap.Tests.Groups;

/// <summary>What a datagram that arrived via multicast may do before a handler runs, and the opt-in gate.</summary>
public sealed class ServerMulticastRequestTests
{
    private static DelegateHandler Text(string text) => DelegateHandler.Sync(c =>
    {
        c.Response.Code = CoapCode.Content;
        c.Response.WritePayload(System.Text.Encoding.UTF8.GetBytes(text));
    });

    [Fact]
    public async Task ConfirmableGroupRequest_IsIgnored_WithoutAckOrReset_AndCounted()
    {
        var handler = Text("x");
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.Zero);
        using var counts = new MeterCounts(harness.Metrics.Meter);

        harness.SendMulticast(harness.Request("time", type: CoapMessageType.Confirmable));
        harness.SendMulticast(harness.Request("time", type: CoapMessageType.Confirmable));
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, handler.Calls);
        Assert.Empty(harness.Sent);
        Assert.Equal(2, counts["coap.group.requests.dropped[confirmable]"]);
    }

    [Fact]
    public async Task MalformedGroupDatagram_IsDropped_WithoutReset()
    {
        var handler = Text("x");
        await using var harness = new ServerGroupHarness(handler);
        using var counts = new MeterCounts(harness.Metrics.Meter);

        // Version 1, NON, token length 9 (reserved): a format error that a unicast CON would get a Reset for.
        harness.SendMulticast([0x59, 0x01, 0x00, 0x01]);

        Assert.Empty(harness.Sent);
        Assert.Equal(1, counts["coap.group.requests.dropped[malformed]"]);
    }

    [Fact]
    public async Task GroupPing_AndGroupResponse_AreDropped()
    {
        await using var harness = new ServerGroupHarness(Text("x"));
        using var counts = new MeterCounts(harness.Metrics.Meter);

        harness.SendMulticast(new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Empty, MessageId = 1 });
        harness.SendMulticast(new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Content, MessageId = 2, Token = new byte[] { 1 } });

        Assert.Empty(harness.Sent);
        Assert.Equal(2, counts["coap.group.requests.dropped[not_request]"]);
    }

    [Fact]
    public async Task BadCriticalOption_InGroupRequest_GetsNoReset()
    {
        var handler = Text("x");
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.Zero);
        var request = harness.Request("time");
        request.Options.Add(9999, "x"u8.ToArray()); // odd: critical, unknown

        harness.SendMulticast(request);

        Assert.Equal(0, handler.Calls);
        Assert.Empty(harness.Sent);
    }

    [Fact]
    public async Task UnicastBadCriticalOption_StillGetsReset()
    {
        await using var harness = new ServerGroupHarness(Text("x"));
        var request = harness.Request("time");
        request.Options.Add(9999, "x"u8.ToArray());

        harness.SendUnicast(request);

        Assert.Equal(CoapMessageType.Reset, Assert.Single(harness.Sent).Message.Type);
    }

    [Theory]
    [InlineData("group.example", true)]
    [InlineData("GROUP.example", true)]
    [InlineData("224.0.1.187", true)]
    [InlineData("239.1.2.3", true)]
    [InlineData("other.example", false)]
    [InlineData("239.9.9.9", false)]
    public async Task UriHost_MustNameAJoinedGroup(string uriHost, bool answered)
    {
        var handler = Text("x");
        await using var harness = new ServerGroupHarness(handler, o =>
        {
            o.Leisure = TimeSpan.Zero;
            o.Members["lights"] = new CoapGroupEntry { Uri = "coap://group.example:5683/", Address = "239.1.2.3" };
        });
        using var counts = new MeterCounts(harness.Metrics.Meter);
        var request = harness.Request("time");
        request.Options.Add(CoapOptionNumber.UriHost, uriHost);

        harness.SendMulticast(request);

        Assert.Equal(answered ? 1 : 0, handler.Calls);
        Assert.Equal(answered ? 1 : 0, harness.Sent.Count);
        Assert.Equal(answered ? 0 : 1, counts["coap.group.requests.dropped[unknown_uri_host]"]);
    }

    [Fact]
    public async Task NotOptedIn_GroupRequest_IsSilent_EvenWithNoResponseZero()
    {
        var handler = DelegateHandler.Sync(c =>
        {
            if (!CoapMulticastGate.Permits(c))
            {
                return;
            }

            c.Response.Code = CoapCode.Content;
            c.Response.WritePayload("x"u8);
        });
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.Zero);
        using var counts = new MeterCounts(harness.Metrics.Meter);
        var request = harness.Request("time");
        request.Options.Add(CoapOptionNumber.NoResponse, 0u);

        harness.SendMulticast(request);
        harness.SendUnicast(harness.Request("time"));

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(CoapCode.Content, sent.Message.Code);
        Assert.Equal(1, counts["coap.group.responses.suppressed[not_opted_in]"]);
    }

    [Fact]
    public async Task ResponseToGroupRequest_IsNon_ToTheRequestSourcePort()
    {
        await using var harness = new ServerGroupHarness(Text("22.3 C"), o => o.Leisure = TimeSpan.Zero);
        var request = harness.Request("temperature");

        harness.SendMulticast(request);

        var (_, to, message) = Assert.Single(harness.Sent);
        Assert.Equal(ServerGroupHarness.ClientAddress, to);
        Assert.Equal(CoapMessageType.NonConfirmable, message.Type);
        Assert.Equal(request.Token.ToArray(), message.Token.ToArray());
        Assert.Equal("22.3 C", System.Text.Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public async Task Multicast_FromAddressBytes_IsRecognised()
    {
        var handler = Text("x");
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.Zero);

        harness.SendMulticast(harness.Request("time"), IPAddress.Parse("ff02::fd"));

        Assert.Equal(1, handler.Calls);
        Assert.Single(harness.Sent);
    }
}
