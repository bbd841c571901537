namespace Coap.Tests.Groups;

/// <summary>
/// Block2 with groups (draft-ietf-core-groupcomm-bis §3.8): a member's first block is followed up by unicast to that
/// member alone, and the whole body is yielded as one response from it.
/// </summary>
public sealed class GroupBlockWiseTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_first_block_is_continued_by_unicast_to_its_member_and_yielded_whole()
    {
        await using var harness = new GroupHarness();
        var request = CoapRequest.Get(GroupHarness.Uri("/log"));
        request.Options.Add(CoapOptionNumber.Block2, new CoapBlock(0, more: false, sizeExponent: 0).Value);
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(request, Deadline));
        var sent = await harness.NextAtGroupAsync();
        Assert.Equal(new CoapBlock(0, more: false, sizeExponent: 0).Value, sent.Options.GetUInt(CoapOptionNumber.Block2));

        var first = harness.Response(sent, "0123456789abcdef");
        first.Options.Add(CoapOptionNumber.Block2, new CoapBlock(0, more: true, sizeExponent: 0).Value);
        harness.Send(0, first);
        harness.Send(1, harness.Response(sent, "small"));

        var follow = await harness.NextAtServerAsync(0);
        Assert.Equal(CoapMessageType.Confirmable, follow.Type);
        Assert.Equal(CoapCode.Get, follow.Code);
        Assert.NotEqual(sent.Token.ToArray(), follow.Token.ToArray());
        Assert.Equal("log", follow.Options.GetString(CoapOptionNumber.UriPath));
        Assert.Equal(new CoapBlock(1, more: false, sizeExponent: 0).Value, follow.Options.GetUInt(CoapOptionNumber.Block2));
        var last = new CoapMessage
        {
            Type = CoapMessageType.Acknowledgement,
            Code = CoapCode.Content,
            MessageId = follow.MessageId,
            Token = follow.Token,
            Payload = "ghij"u8.ToArray(),
        };
        last.Options.Add(CoapOptionNumber.Block2, new CoapBlock(1, more: false, sizeExponent: 0).Value);
        harness.Send(0, last);
        harness.Time.Advance(Deadline);

        var responses = await collecting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, responses.Count);
        Assert.Equal("small", responses[0].GetPayloadAsString());
        Assert.Equal(GroupHarness.Servers[1], responses[0].RemoteEndPoint);
        Assert.Equal("0123456789abcdefghij", responses[1].GetPayloadAsString());
        Assert.Equal(GroupHarness.Servers[0], responses[1].RemoteEndPoint);
        Assert.False(responses[1].Options.Contains(CoapOptionNumber.Block2));
        Assert.Empty(harness.DrainServer(1));
    }

    [Fact]
    public async Task A_continuation_that_fails_drops_that_response_only()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/log"), Deadline));
        var sent = await harness.NextAtGroupAsync();
        var first = harness.Response(sent, "0123456789abcdef");
        first.Options.Add(CoapOptionNumber.Block2, new CoapBlock(0, more: true, sizeExponent: 0).Value);
        harness.Send(0, first);
        harness.Send(1, harness.Response(sent, "small"));
        var follow = await harness.NextAtServerAsync(0);

        harness.Send(0, new CoapMessage { Type = CoapMessageType.Acknowledgement, Code = CoapCode.NotFound, MessageId = follow.MessageId, Token = follow.Token });
        harness.Time.Advance(Deadline);

        var response = Assert.Single(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("small", response.GetPayloadAsString());
    }
}
