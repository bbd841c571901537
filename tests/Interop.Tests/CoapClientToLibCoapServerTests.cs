using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Coap.Interop.Tests.Infrastructure;

namespace Coap.Interop.Tests;

/// <summary>Our <see cref="CoapClient"/> against libcoap's example server, coap-server-notls (4.3.1).</summary>
[Trait("Category", "Interop")]
public sealed partial class CoapClientToLibCoapServerTests
{
    private const string LibCoapBanner = "This is a test server made with libcoap (see https://libcoap.net)";

    public static TheoryData<string, CoapMessageType> HostsAndTypes()
    {
        var data = new TheoryData<string, CoapMessageType>();
        foreach (var host in Loopback.Hosts)
        {
            data.Add(host, CoapMessageType.Confirmable);
            data.Add(host, CoapMessageType.NonConfirmable);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task GetRoot_ReturnsLibCoapsBanner(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.SendAsync(new CoapRequest(CoapCode.Get, peer.Uri("/")) { Type = type }).WaitAsync(Limit);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(ExpectedResponseType(type), response.Type);
        Assert.StartsWith(LibCoapBanner, response.GetPayloadAsString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task GetTime_ReturnsTheClockAsMonthDayAndTime(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.SendAsync(new CoapRequest(CoapCode.Get, peer.Uri("/time")) { Type = type }).WaitAsync(Limit);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(ExpectedResponseType(type), response.Type);
        Assert.Matches(TimeText(), response.GetPayloadAsString());
        Assert.Equal(1u, response.Options.GetUInt(CoapOptionNumber.MaxAge));
    }

    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task GetTimeWithTicksQuery_ReturnsUnixSeconds(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.SendAsync(new CoapRequest(CoapCode.Get, peer.Uri("/time?ticks")) { Type = type }).WaitAsync(Limit);

        Assert.Equal(CoapCode.Content, response.Code);
        var seconds = long.Parse(response.GetPayloadAsString(), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    /// <summary>libcoap's example server lets PUT /time set its clock: it answers 2.04 Changed with no payload.</summary>
    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task PutTime_IsAcceptedWith204Changed(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();
        var request = new CoapRequest(CoapCode.Put, peer.Uri("/time")) { Type = type }.WithPayload("1000");

        var response = await client.SendAsync(request).WaitAsync(Limit);

        Assert.Equal(CoapCode.Changed, response.Code);
        Assert.Equal(ExpectedResponseType(type), response.Type);
        Assert.True(response.Payload.IsEmpty);
    }

    /// <summary>"/" only serves GET: PUT (and POST, DELETE) get 4.05 with the diagnostic payload "Method Not Allowed".</summary>
    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task PutRoot_IsRefusedWith405MethodNotAllowed(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();
        var request = new CoapRequest(CoapCode.Put, peer.Uri("/")) { Type = type }.WithPayload("x");

        var response = await client.SendAsync(request).WaitAsync(Limit);

        Assert.Equal(CoapCode.MethodNotAllowed, response.Code);
        Assert.Equal("Method Not Allowed", response.GetPayloadAsString());
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task PostTime_IsRefusedWith405MethodNotAllowed(string host)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.PostAsync(peer.Uri("/time"), Encoding.UTF8.GetBytes("x"), CoapContentFormat.TextPlain).WaitAsync(Limit);

        Assert.Equal(CoapCode.MethodNotAllowed, response.Code);
    }

    [Theory]
    [MemberData(nameof(HostsAndTypes))]
    public async Task UnknownPath_Yields404NotFound(string host, CoapMessageType type)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.SendAsync(new CoapRequest(CoapCode.Get, peer.Uri("/no/such/resource")) { Type = type }).WaitAsync(Limit);

        Assert.Equal(CoapCode.NotFound, response.Code);
    }

    [Theory]
    [InlineData(Loopback.V4)]
    [InlineData(Loopback.V6)]
    public async Task WellKnownCore_ListsTheTimeResource_AsLinkFormat(string host)
    {
        await using var peer = await LibCoapServerProcess.StartAsync(host);
        await using var client = new CoapClient();

        var response = await client.GetAsync(peer.Uri("/.well-known/core")).WaitAsync(Limit);

        Assert.Equal(CoapCode.Content, response.Code);
        Assert.Equal(CoapContentFormat.LinkFormat, response.ContentFormat);
        Assert.Contains("</time>;if=\"clock\";rt=\"ticks\";title=\"Internal Clock\"", response.GetPayloadAsString(), StringComparison.Ordinal);
    }

    private static CoapMessageType ExpectedResponseType(CoapMessageType requestType) =>
        requestType == CoapMessageType.Confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable;

    private static TimeSpan Limit => TimeSpan.FromSeconds(10);

    /// <summary>libcoap formats the clock with strftime "%b %d %H:%M:%S", e.g. "Nov 21 23:17:57".</summary>
    [GeneratedRegex(@"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex TimeText();
}
