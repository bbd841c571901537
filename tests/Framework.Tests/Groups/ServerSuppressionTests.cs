using Coap.Discovery;
using Coap.TestUtilities;

namespace Coap.Tests.Groups;

/// <summary>Which responses to a group request are sent (groupcomm-bis §3.1.2, §6.3, §6.5; RFC 7967).</summary>
public sealed class ServerSuppressionTests
{
    private static DelegateHandler Answer(CoapCode code, string payload = "") => DelegateHandler.Sync(c =>
    {
        c.Response.Code = code;
        c.Response.WritePayload(System.Text.Encoding.UTF8.GetBytes(payload));
    });

    public static TheoryData<byte> ErrorCodes()
    {
        var codes = new TheoryData<byte>();
        foreach (var detail in new[] { 0, 1, 2, 3, 4, 5, 6, 12, 13, 15 })
        {
            codes.Add((byte)((4 << 5) | detail));
        }

        foreach (var detail in new[] { 0, 1, 2, 3, 4, 5 })
        {
            codes.Add((byte)((5 << 5) | detail));
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task ErrorResponses_AreSuppressed_ByDefault_ForEveryCodeOfTheClass(byte code)
    {
        await using var harness = new ServerGroupHarness(Answer(new CoapCode(code), "why"), o => o.Leisure = TimeSpan.Zero);
        using var counts = new MeterCounts(harness.Metrics.Meter);

        harness.SendMulticast(harness.Request("r"));
        harness.SendUnicast(harness.Request("r"));

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(new CoapCode(code), sent.Message.Code);
        Assert.Equal(1, counts["coap.group.responses.suppressed[default]"]);
    }

    [Fact]
    public async Task ErrorResponses_AreSent_WhenSuppressionIsOff()
    {
        await using var harness = new ServerGroupHarness(Answer(CoapCode.NotFound), o =>
        {
            o.Leisure = TimeSpan.Zero;
            o.SuppressErrorResponses = false;
        });

        harness.SendMulticast(harness.Request("r"));

        Assert.Equal(CoapCode.NotFound, Assert.Single(harness.Sent).Message.Code);
    }

    [Fact]
    public async Task EmptyContent_IsSuppressed_ButEmptyChanged_IsSent()
    {
        var code = CoapCode.Content;
        var handler = DelegateHandler.Sync(c => c.Response.Code = code);
        await using var harness = new ServerGroupHarness(handler, o => o.Leisure = TimeSpan.Zero);

        harness.SendMulticast(harness.Request("r"));
        code = CoapCode.Changed;
        harness.SendMulticast(harness.Request("r", CoapCode.Put));

        Assert.Equal(CoapCode.Changed, Assert.Single(harness.Sent).Message.Code);
    }

    [Fact]
    public async Task EmptyContent_IsSent_WhenConfigured()
    {
        await using var harness = new ServerGroupHarness(Answer(CoapCode.Content), o =>
        {
            o.Leisure = TimeSpan.Zero;
            o.SuppressEmptyContent = false;
        });

        harness.SendMulticast(harness.Request("r"));

        Assert.Single(harness.Sent);
    }

    [Theory]
    [InlineData(2u, false)]
    [InlineData(26u, false)]
    [InlineData(8u, true)]
    [InlineData(16u, true)]
    [InlineData(0u, true)]
    public async Task NoResponse_SuppressesTheClassesItNames(uint mask, bool sent)
    {
        await using var harness = new ServerGroupHarness(Answer(CoapCode.Content, "22 C"), o => o.Leisure = TimeSpan.Zero);
        using var counts = new MeterCounts(harness.Metrics.Meter);
        var request = harness.Request("r");
        request.Options.Add(CoapOptionNumber.NoResponse, mask);

        harness.SendMulticast(request);

        Assert.Equal(sent ? 1 : 0, harness.Sent.Count);
        Assert.Equal(sent ? 0 : 1, counts["coap.group.responses.suppressed[no_response]"]);
    }

    [Fact]
    public async Task NoResponseZero_FromUnauthenticatedClient_DoesNotRevealErrors()
    {
        await using var harness = new ServerGroupHarness(Answer(CoapCode.NotFound), o => o.Leisure = TimeSpan.Zero);
        var request = harness.Request("r");
        request.Options.Add(CoapOptionNumber.NoResponse, 0u);

        harness.SendMulticast(request);

        Assert.Empty(harness.Sent);
    }

    [Fact]
    public async Task LargeResponse_ToUnauthenticatedGroupRequest_IsCapped()
    {
        var payload = new string('x', 200);
        await using var harness = new ServerGroupHarness(Answer(CoapCode.Content, payload), o =>
        {
            o.Leisure = TimeSpan.Zero;
            o.MaxUnauthenticatedResponseSize = 100;
        });
        using var counts = new MeterCounts(harness.Metrics.Meter);

        harness.SendMulticast(harness.Request("r"));
        harness.SendUnicast(harness.Request("r"));

        // The unicast request, whose sender proved its address by receiving, is answered in full.
        var sent = Assert.Single(harness.Sent);
        Assert.Equal(payload.Length, sent.Message.Payload.Length);
        Assert.Equal(1, counts["coap.group.responses.suppressed[amplification_cap]"]);
    }

    [Fact]
    public async Task ResponseAtTheCap_IsSent()
    {
        await using var harness = new ServerGroupHarness(Answer(CoapCode.Content, "abc"), o => o.Leisure = TimeSpan.Zero);
        var request = harness.Request("r");
        var expectedLength = 4 + request.Token.Length + 1 + 3; // header, token, payload marker, payload
        harness.Options.MaxUnauthenticatedResponseSize = expectedLength;

        harness.SendMulticast(request);

        Assert.Single(harness.Sent);
    }

    [Fact]
    public async Task Discovery_OverMulticast_AnswersMatches_AndStaysSilentOnNoMatch()
    {
        var document = new LinkFormatDocument(
        [
            new LinkEntry("/time", ["clock"], [], [0]),
            new LinkEntry("/lamp", ["light"], [], [0]),
        ]);
        await using var harness = new ServerGroupHarness(DelegateHandler.Sync(document.WriteTo), o => o.Leisure = TimeSpan.Zero);
        var matching = harness.Request(".well-known/core");
        matching.Options.Add(CoapOptionNumber.UriQuery, "rt=light");
        var nothing = harness.Request(".well-known/core");
        nothing.Options.Add(CoapOptionNumber.UriQuery, "rt=thermostat");

        harness.SendMulticast(matching);
        harness.SendMulticast(nothing);

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(matching.Token.ToArray(), sent.Message.Token.ToArray());
        Assert.Equal("</lamp>;rt=\"light\";ct=0", System.Text.Encoding.UTF8.GetString(sent.Message.Payload.Span));
    }

    [Fact]
    public async Task Discovery_NoMatch_OverUnicast_IsStillAnsweredEmpty()
    {
        var document = new LinkFormatDocument([new LinkEntry("/time", ["clock"], [], [0])]);
        await using var harness = new ServerGroupHarness(DelegateHandler.Sync(document.WriteTo));
        var nothing = harness.Request(".well-known/core");
        nothing.Options.Add(CoapOptionNumber.UriQuery, "rt=thermostat");

        harness.SendUnicast(nothing);

        var sent = Assert.Single(harness.Sent);
        Assert.Equal(CoapCode.Content, sent.Message.Code);
        Assert.True(sent.Message.Payload.IsEmpty);
    }
}
