using Coap.TestUtilities;

namespace Coap.Tests.Messaging;

public sealed class RejectionTests
{
    [Fact]
    public async Task MalformedCon_IsAnsweredWithReset()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());

        // CON, TKL 9 (reserved), MID 0x1234.
        harness.SendRaw(0x49, 0x01, 0x12, 0x34, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        var reset = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(0x1234, reset.MessageId);
    }

    [Theory]
    [InlineData("52 01 12 34 01")] // NON with a truncated token
    [InlineData("80 01 12 34")] // version 2
    [InlineData("40 01")] // too short to have a header
    [InlineData("70 00 12 34")] // RST: never answered
    public async Task MalformedNonOrUnreadable_IsDroppedSilently(string hex)
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);

        harness.SendRaw(Hex.Parse(hex));

        Assert.Empty(harness.RawReceived);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task EmptyCon_Ping_IsAnsweredWithReset()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());

        harness.SendRaw(Hex.Parse("40 00 BE EF"));

        var reset = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(0xBEEF, reset.MessageId);
    }

    [Fact]
    public async Task UnknownCriticalOption_Gets402_AndHandlerDoesNotRun()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var request = CoapRequest.Get(harness.ServerUri("/echo"));
        request.Options.Add(2049, "x");

        var response = await harness.Client.SendAsync(request);

        Assert.Equal(CoapCode.BadOption, response.Code);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task UnknownElectiveOption_IsIgnored()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var request = CoapRequest.Get(harness.ServerUri("/echo"));
        request.Options.Add(2048, "x");

        var response = await harness.Client.SendAsync(request);

        Assert.Equal(CoapCode.Content, response.Code);
    }

    [Fact]
    public async Task CriticalOptionWithInvalidLength_InCon_Gets402()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Get, MessageId = 5 };
        request.Options.Add(CoapOptionNumber.UriPort, new byte[] { 1, 2, 3 });

        harness.SendRaw(request);

        var response = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.Acknowledgement, response.Type);
        Assert.Equal(CoapCode.BadOption, response.Code);
    }

    [Fact]
    public async Task BadCriticalOption_InNon_IsRejectedWithReset_NotAnswered()
    {
        var handler = EchoHandler.Create();
        await using var harness = new MessagingHarness(handler);
        var request = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 6 };
        request.Options.Add(2049, new byte[] { 1 });

        harness.SendRaw(request);

        var reset = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(6, reset.MessageId);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task ProxyUri_OnNonProxy_Gets505()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var request = CoapRequest.Get(harness.ServerUri("/"));
        request.Options.Add(CoapOptionNumber.ProxyUri, "coap://elsewhere/x");

        var response = await harness.Client.SendAsync(request);

        Assert.Equal(CoapCode.ProxyingNotSupported, response.Code);
    }

    [Fact]
    public async Task OversizedPayload_Gets413_WithSize1()
    {
        // Our own client would upload this block-wise; a raw peer sends it as one message (RFC 7959 §2.9.3).
        await using var harness = new MessagingHarness(EchoHandler.Create(), o => o.MaxRequestPayloadSize = 100);
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Post, MessageId = 78, Payload = new byte[101] };
        request.Options.Add(CoapOptionNumber.UriPath, "echo");

        harness.SendRaw(request);

        var response = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapCode.RequestEntityTooLarge, response.Code);
        Assert.Equal(100u, response.Options.GetUInt(CoapOptionNumber.Size1));
    }

    [Fact]
    public async Task UnknownMethod_Gets405()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var request = new CoapMessage { Type = CoapMessageType.Confirmable, Code = new CoapCode(0, 9), MessageId = 77 };

        harness.SendRaw(request);

        var response = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapMessageType.Acknowledgement, response.Type);
        Assert.Equal(CoapCode.MethodNotAllowed, response.Code);
    }

    [Fact]
    public async Task BeyondMaxConcurrentRequests_Gets503WithMaxAge_AndTheCountRecovers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async _ => await release.Task);
        await using var harness = new MessagingHarness(handler, o => o.MaxConcurrentRequests = 1);

        harness.SendRaw(new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 1 });
        harness.SendRaw(new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 2 });

        var rejected = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapCode.ServiceUnavailable, rejected.Code);
        Assert.Equal(1u, rejected.Options.GetUInt(CoapOptionNumber.MaxAge));
        Assert.Equal(1, harness.Server.InFlightRequests);
        release.SetResult();
        await SeparateResponseTests.WaitUntil(() => harness.Server.InFlightRequests == 0);
        harness.SendRaw(new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 3 });
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task NoResponseOption_SuppressesChosenClasses()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var suppressed = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 1 };
        suppressed.Options.Add(CoapOptionNumber.UriPath, "missing").Add(CoapOptionNumber.NoResponse, 8u);
        var kept = new CoapMessage { Type = CoapMessageType.NonConfirmable, Code = CoapCode.Get, MessageId = 2 };
        kept.Options.Add(CoapOptionNumber.UriPath, "time").Add(CoapOptionNumber.NoResponse, 8u);

        harness.SendRaw(suppressed);
        harness.SendRaw(kept);

        var response = Assert.Single(harness.RawReceived);
        Assert.Equal(CoapCode.Content, response.Code);
    }

    [Fact]
    public async Task ResponseWithUnknownToken_IsReset()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create());
        var stray = new CoapMessage { Type = CoapMessageType.Confirmable, Code = CoapCode.Content, MessageId = 3, Token = new byte[] { 9, 9 } };

        harness.Network.Inject(MessagingHarness.RawPeerAddress, MessagingHarness.ClientAddress, stray.ToArray());

        var sent = harness.Between(MessagingHarness.ClientAddress, MessagingHarness.RawPeerAddress);
        var reset = Assert.Single(sent).Message;
        Assert.Equal(CoapMessageType.Reset, reset.Type);
        Assert.Equal(3, reset.MessageId);
    }

    [Fact]
    public async Task ReorderedAndDelayedDatagrams_StillComplete()
    {
        await using var harness = new MessagingHarness(EchoHandler.Create(), o => o.NStart = 2);
        harness.Network.Delay = TimeSpan.FromMilliseconds(300);
        var first = true;
        harness.Network.ReorderWhen = d => d.To.Equals(MessagingHarness.ServerAddress) && first && !(first = false);

        var a = harness.Client.PostAsync(harness.ServerUri("/echo"), "a"u8.ToArray());
        var b = harness.Client.PostAsync(harness.ServerUri("/echo"), "b"u8.ToArray());
        harness.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("POST /echo a", (await a).GetPayloadAsString());
        Assert.Equal("POST /echo b", (await b).GetPayloadAsString());
    }
}
