using Coap.TestUtilities;
using static Coap.MulticastTests.GroupMetricsRecorder;

namespace Coap.MulticastTests;

/// <summary>
/// What a group must not answer, sent as raw datagrams to 224.0.1.187 and three real members: each is dropped or
/// suppressed, counted, and silent. Silence is checked against a valid control request sent last: with no Leisure
/// each member answers in arrival order, so once the three control responses are in, anything else would be too.
/// </summary>
public sealed class GroupBadInputTests : IAsyncLifetime
{
    // NON GET /who, token 0xAB: the control request every member answers.
    private static readonly byte[] s_control = [0x51, 0x01, 0x7F, 0x00, 0xAB, 0xB3, (byte)'w', (byte)'h', (byte)'o'];

    private readonly GroupMetricsRecorder _metrics = new();
    private GroupMembers? _members;

    public GroupBadInputTests() => NetworkNamespace.Require();

    /// <summary>Members that answer "/missing" with 4.04, "/big" with 600 bytes, "/echo" with the request payload, anything else with their name.</summary>
    public async Task InitializeAsync() =>
        _members = await GroupMembers.StartAsync(
            address => DelegateHandler.Sync(c =>
            {
                switch (c.GetPath())
                {
                    case "/missing":
                        c.Response.Code = CoapCode.NotFound;
                        break;
                    case "/big":
                        c.Response.WritePayload(new string('x', 600));
                        break;
                    case "/echo":
                        c.Response.WritePayload(c.Payload.Span);
                        break;
                    default:
                        c.Response.WritePayload($"member {address}");
                        break;
                }
            }),
            options =>
            {
                options.Groups.Leisure = TimeSpan.Zero;
                options.Groups.MaxUnauthenticatedResponseSize = 256;
            });

    public async Task DisposeAsync()
    {
        if (_members is not null)
        {
            await _members.DisposeAsync();
        }

        _metrics.Dispose();
    }

    [Fact]
    public async Task Malformed_confirmable_and_non_request_datagrams_are_dropped_unanswered_and_counted()
    {
        byte[][] bad =
        [
            [0x51, 0x01, 0x00, 0x01, 0xC1, 0xB5, (byte)'a'],   // Uri-Path says 5 bytes, 1 follows
            [0x51, 0x01, 0x00, 0x02, 0xC2, 0xF1, 0x00],        // option delta 15 is reserved outside the payload marker
            [0x51, 0x01, 0x00, 0x03, 0xC3, 0xFF],              // payload marker with no payload
            [0x41, 0x01, 0x00, 0x04, 0xC4],                    // CON GET: group requests are NON
            [0x51, 0x45, 0x00, 0x05, 0xC5, 0xFF, (byte)'r'],   // a NON 2.05: not a request
        ];

        var answers = await SendThenControlAsync(bad);

        Assert.True(await _metrics.ReachesAsync(RequestsDropped, "malformed", 9), $"malformed: {_metrics.Count(RequestsDropped, "malformed")}");
        Assert.True(await _metrics.ReachesAsync(RequestsDropped, "confirmable", 3), $"confirmable: {_metrics.Count(RequestsDropped, "confirmable")}");
        Assert.True(await _metrics.ReachesAsync(RequestsDropped, "not_request", 3), $"not_request: {_metrics.Count(RequestsDropped, "not_request")}");
        Assert.Equal(0, answers.Pending);
    }

    [Fact]
    public async Task A_response_bigger_than_the_amplification_cap_is_not_sent_to_an_unprotected_group_request()
    {
        // GET /big: 600 bytes against a cap of 256. POST /echo with 1000 bytes: an oversized request would make an oversized echo.
        byte[] big = [0x51, 0x01, 0x00, 0x11, 0xD1, 0xB3, (byte)'b', (byte)'i', (byte)'g'];
        byte[] echo = [0x51, 0x02, 0x00, 0x12, 0xD2, 0xB4, (byte)'e', (byte)'c', (byte)'h', (byte)'o', 0xFF, .. new byte[1000]];

        var answers = await SendThenControlAsync([big, echo]);

        Assert.True(await _metrics.ReachesAsync(ResponsesSuppressed, "amplification_cap", 6), $"amplification_cap: {_metrics.Count(ResponsesSuppressed, "amplification_cap")}");
        Assert.Equal(0, answers.Pending);
    }

    [Fact]
    public async Task A_4_04_and_a_2_05_the_request_declined_with_No_Response_stay_silent()
    {
        byte[] missing = [0x51, 0x01, 0x00, 0x21, 0xE1, 0xB7, .. "missing"u8];
        // No-Response (258) = 2: not interested in 2.xx (RFC 7967). Delta after Uri-Path (11): 247 = 13 + 234.
        byte[] noResponse = [0x51, 0x01, 0x00, 0x22, 0xE2, 0xB3, (byte)'w', (byte)'h', (byte)'o', 0xD1, 0xEA, 0x02];

        var answers = await SendThenControlAsync([missing, noResponse]);

        Assert.True(await _metrics.ReachesAsync(ResponsesSuppressed, "default", 3), $"default: {_metrics.Count(ResponsesSuppressed, "default")}");
        Assert.True(await _metrics.ReachesAsync(ResponsesSuppressed, "no_response", 3), $"no_response: {_metrics.Count(ResponsesSuppressed, "no_response")}");
        Assert.Equal(0, answers.Pending);
    }

    /// <summary>Sends <paramref name="datagrams"/> to the group, then the control request; returns once each member answered the control.</summary>
    private static async Task<RecordingReceiver> SendThenControlAsync(byte[][] datagrams)
    {
        await using var client = GroupSockets.Create("127.0.0.1:0");
        var answers = new RecordingReceiver();
        client.Start(answers);
        foreach (var datagram in datagrams)
        {
            client.Send(datagram, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));
        }

        client.Send(s_control, GroupSockets.To(GroupSockets.AllCoapNodesIPv4));
        var sources = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var answer = await answers.NextAsync();
            Assert.True(answer.Payload.Length > 4 && answer.Payload[4] == 0xAB, $"Only the control request may be answered; got {Convert.ToHexString(answer.Payload)} from {answer.Source}.");
            sources.Add(answer.Source.Address.MapToIPv4().ToString());
        }

        Assert.Equal(GroupMembers.LoopbackAddresses, sources.Order());
        return answers;
    }
}
