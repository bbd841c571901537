namespace Coap.Tests.Groups;

/// <summary>
/// MIN_TOKEN_REUSE_TIME (draft-ietf-core-groupcomm-bis §3.1.5): a group request's token is not reused, by any
/// request, until 250 s plus MAX_SERVER_RESPONSE_DELAY after the request ended; the quarantine is bounded.
/// </summary>
public sealed class GroupTokenQuarantineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);
    private static readonly byte[] Token = [0x86, 0x01, 0x02, 0x03];

    [Fact]
    public void The_default_quarantine_is_250_seconds_plus_the_default_leisure()
    {
        var options = new CoapGroupClientOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxServerResponseDelay);
        Assert.Equal(TimeSpan.FromSeconds(255), options.EffectiveMinTokenReuseTime);
        options.MaxServerResponseDelay = TimeSpan.FromSeconds(20);
        Assert.Equal(TimeSpan.FromSeconds(270), options.EffectiveMinTokenReuseTime);
        options.MinTokenReuseTime = TimeSpan.FromSeconds(600);
        Assert.Equal(TimeSpan.FromSeconds(600), options.EffectiveMinTokenReuseTime);
    }

    [Fact]
    public async Task A_token_is_refused_while_in_quarantine_and_usable_after_it()
    {
        await using var harness = new GroupHarness();
        await RunGroupRequestAsync(harness, Token);

        harness.Time.Advance(TimeSpan.FromSeconds(254));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await harness.Client.SendToGroupAsync(WithToken(), Deadline).GetAsyncEnumerator().MoveNextAsync());
        var unicast = CoapRequest.Get("coap://10.0.0.1/temp");
        unicast.Token = Token;
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.SendAsync(unicast));

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await RunGroupRequestAsync(harness, Token);
    }

    [Fact]
    public async Task Responses_to_a_quarantined_token_are_dropped_until_the_quarantine_ends_then_reset_as_unknown()
    {
        await using var harness = new GroupHarness();
        var request = await RunGroupRequestAsync(harness, Token);

        harness.Time.Advance(TimeSpan.FromSeconds(200));
        harness.Send(0, harness.Response(request, "very late"));
        Assert.Empty(harness.DrainServer(0));
        Assert.Equal(1, harness.Count("coap.group.client.responses.dropped[late]"));

        harness.Time.Advance(TimeSpan.FromSeconds(60));
        harness.Send(0, harness.Response(request, "after the quarantine"));
        var reset = Assert.Single(harness.DrainServer(0));
        Assert.Equal(CoapMessageType.Reset, reset.Type);
    }

    [Fact]
    public async Task Group_tokens_are_bounded_and_freed_as_the_quarantine_ends()
    {
        var options = new CoapClientOptions { Group = { MaxGroupTokens = 2, MinTokenReuseTime = TimeSpan.FromSeconds(100) } };
        await using var harness = new GroupHarness(options);
        await RunGroupRequestAsync(harness, token: null);
        await RunGroupRequestAsync(harness, token: null);

        await Assert.ThrowsAsync<CoapException>(async () => await harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline).GetAsyncEnumerator().MoveNextAsync());

        harness.Time.Advance(TimeSpan.FromSeconds(100));
        await RunGroupRequestAsync(harness, token: null);
    }

    [Fact]
    public async Task A_fresh_random_token_never_collides_with_a_quarantined_one()
    {
        var options = new CoapClientOptions { Messaging = { TokenLength = 1 } };
        await using var harness = new GroupHarness(options);
        var tokens = new HashSet<byte>();
        for (var i = 0; i < 200; i++)
        {
            var request = await RunGroupRequestAsync(harness, token: null, deadline: TimeSpan.FromMilliseconds(10));
            Assert.True(tokens.Add(request.Token.Span[0]), $"token {request.Token.Span[0]} reused while in quarantine");
        }
    }

    private static CoapRequest WithToken()
    {
        var request = CoapRequest.Get(GroupHarness.Uri("/temp"));
        request.Token = Token;
        return request;
    }

    /// <summary>Sends a group request, has a member answer (so the next request is not paced), lets the deadline pass and returns the request as multicast.</summary>
    private static async Task<CoapMessage> RunGroupRequestAsync(GroupHarness harness, byte[]? token, TimeSpan? deadline = null)
    {
        var request = CoapRequest.Get(GroupHarness.Uri("/temp"));
        if (token is not null)
        {
            request.Token = token;
        }

        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(request, deadline ?? Deadline));
        var sent = await harness.NextAtGroupAsync();
        harness.Send(0, harness.Response(sent, "here"));
        harness.Time.Advance(deadline ?? Deadline);
        await collecting.WaitAsync(TimeSpan.FromSeconds(10));
        return sent;
    }
}
