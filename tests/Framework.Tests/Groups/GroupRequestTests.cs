using System.Net;

namespace Coap.Tests.Groups;

/// <summary>
/// <see cref="CoapClient.SendToGroupAsync(CoapRequest, TimeSpan, CancellationToken)"/>: one NON request to the group,
/// every response from every member until the deadline (draft-ietf-core-groupcomm-bis §3.1).
/// </summary>
public sealed class GroupRequestTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Three_members_answer_and_every_response_is_yielded_with_its_source()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline));
        var request = await harness.NextAtGroupAsync();

        Assert.Equal(CoapMessageType.NonConfirmable, request.Type);
        Assert.Equal(CoapCode.Get, request.Code);
        Assert.False(request.Options.Contains(CoapOptionNumber.UriHost));
        harness.Send(0, harness.Response(request, "22.3 C"));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Send(2, harness.Response(request, "21.0 C"));
        harness.Send(1, harness.Response(request, "20.9 C"));
        harness.Time.Advance(Deadline);

        var responses = await collecting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["22.3 C", "21.0 C", "20.9 C"], responses.Select(r => r.GetPayloadAsString()));
        Assert.Equal([GroupHarness.Servers[0], GroupHarness.Servers[2], GroupHarness.Servers[1]], responses.Select(r => r.RemoteEndPoint));
        Assert.Equal(1, harness.Network.Sent.Count(d => d.To.Equals(GroupHarness.GroupAddress)));
        Assert.Equal(3, harness.Count("coap.group.client.responses"));
        Assert.Equal(0, harness.ClientEndpoint.ActiveGroupExchanges);
    }

    [Fact]
    public async Task A_response_from_a_port_other_than_the_group_port_is_taken()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline));
        var request = await harness.NextAtGroupAsync();
        var otherPort = new IPEndPoint(GroupHarness.Servers[2].Address, 61616);

        harness.Send(otherPort, harness.Response(request, "from C"));
        harness.Time.Advance(Deadline);

        var response = Assert.Single(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(otherPort, response.RemoteEndPoint);
        Assert.DoesNotContain(harness.Network.Sent, d => d.From.Equals(GroupHarness.ClientAddress) && !d.To.Equals(GroupHarness.GroupAddress));
    }

    [Fact]
    public async Task A_duplicated_datagram_is_yielded_once_but_a_second_response_from_the_same_member_is_yielded()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline));
        var request = await harness.NextAtGroupAsync();
        var first = harness.Response(request, "first");

        harness.Send(0, first);
        harness.Send(0, first);
        harness.Send(0, harness.Response(request, "second"));
        harness.Time.Advance(Deadline);

        var responses = await collecting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first", "second"], responses.Select(r => r.GetPayloadAsString()));
        Assert.All(responses, r => Assert.Equal(GroupHarness.Servers[0], r.RemoteEndPoint));
        Assert.Equal(1, harness.Count("coap.group.client.responses.dropped[duplicate]"));
    }

    [Fact]
    public async Task A_confirmable_response_is_acknowledged_and_its_retransmission_is_not_yielded_again()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline));
        var request = await harness.NextAtGroupAsync();
        var confirmable = harness.Response(request, "con", CoapMessageType.Confirmable);

        harness.Send(1, confirmable);
        var ack = await harness.NextAtServerAsync(1);
        harness.Send(1, confirmable);
        var again = await harness.NextAtServerAsync(1);
        harness.Time.Advance(Deadline);

        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(CoapCode.Empty, ack.Code);
        Assert.Equal(confirmable.MessageId, ack.MessageId);
        Assert.Equal(CoapMessageType.Acknowledgement, again.Type);
        var response = Assert.Single(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(CoapMessageType.Confirmable, response.Type);
    }

    [Fact]
    public async Task A_confirmable_request_goes_non_confirmable()
    {
        await using var harness = new GroupHarness();
        var request = CoapRequest.Put(GroupHarness.Uri("/lights")).WithPayload("on");
        Assert.Equal(CoapMessageType.Confirmable, request.Type);

        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(request, Deadline));
        var sent = await harness.NextAtGroupAsync();
        harness.Time.Advance(Deadline);

        Assert.Equal(CoapMessageType.NonConfirmable, sent.Type);
        Assert.Equal(CoapCode.Put, sent.Code);
        Assert.Empty(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Responses_after_the_deadline_are_dropped_without_a_reset_and_a_late_confirmable_one_is_acknowledged()
    {
        await using var harness = new GroupHarness();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline));
        var request = await harness.NextAtGroupAsync();
        harness.Time.Advance(Deadline);
        Assert.Empty(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));

        harness.Send(0, harness.Response(request, "late"));
        harness.Send(1, harness.Response(request, "late too", CoapMessageType.Confirmable));

        Assert.Empty(harness.DrainServer(0));
        var ack = Assert.Single(harness.DrainServer(1));
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.DoesNotContain(harness.Network.Sent, d => d.From.Equals(GroupHarness.ClientAddress) && d.Parse().Type == CoapMessageType.Reset);
        Assert.Equal(2, harness.Count("coap.group.client.responses.dropped[late]"));
    }

    [Fact]
    public async Task Stopping_the_enumeration_ends_the_request_and_quarantines_its_token()
    {
        await using var harness = new GroupHarness();
        await using var enumerator = harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline).GetAsyncEnumerator();
        var moving = enumerator.MoveNextAsync();
        var request = await harness.NextAtGroupAsync();
        harness.Send(0, harness.Response(request, "one"));
        Assert.True(await moving.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, harness.ClientEndpoint.ActiveGroupExchanges);

        await enumerator.DisposeAsync();
        harness.Send(1, harness.Response(request, "after the consumer left"));

        Assert.Equal(0, harness.ClientEndpoint.ActiveGroupExchanges);
        Assert.Equal(1, harness.Count("coap.group.client.responses.dropped[late]"));
        Assert.Empty(harness.DrainServer(1));
    }

    [Fact]
    public async Task Cancellation_throws_and_ends_the_request()
    {
        await using var harness = new GroupHarness();
        using var cancellation = new CancellationTokenSource();
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), Deadline, cancellation.Token));
        await harness.NextAtGroupAsync();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, harness.ClientEndpoint.ActiveGroupExchanges);
    }

    [Theory]
    [InlineData("coap://10.0.0.1/temp")]
    [InlineData("coap://[fd01::1]/temp")]
    [InlineData("coap://224.0.1.187:5684/temp")]
    public async Task A_destination_that_is_not_a_group_is_refused(string uri)
    {
        await using var harness = new GroupHarness();

        Assert.Throws<ArgumentException>(() => harness.Client.SendToGroupAsync(uri, Deadline));
        Assert.Equal(0, harness.Network.SentCount);
    }

    [Fact]
    public async Task An_IPv6_group_with_a_zone_is_accepted()
    {
        await using var harness = new GroupHarness();
        var request = CoapRequest.Get("coap://[ff02::fd%25lo]/temp");

        // Validation only: the in-memory network has no such host, so the datagram goes nowhere.
        var responses = harness.Client.SendToGroupAsync(request, Deadline);
        var collecting = GroupHarness.CollectAsync(responses);
        harness.Time.Advance(Deadline);

        Assert.Empty(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, harness.Network.SentCount);
    }

    [Fact]
    public async Task A_body_in_blocks_is_refused()
    {
        await using var harness = new GroupHarness();
        var request = CoapRequest.Put(GroupHarness.Uri("/firmware")).WithBody(new MemoryStream(new byte[4096]));

        Assert.Throws<ArgumentException>(() => harness.Client.SendToGroupAsync(request, Deadline));
    }
}
