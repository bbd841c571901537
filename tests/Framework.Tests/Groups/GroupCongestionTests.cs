using System.Net;

namespace Coap.Tests.Groups;

/// <summary>Congestion control for group requests (draft-ietf-core-groupcomm-bis §3.6): NSTART per group, PROBING_RATE towards a silent group, per-group parameters.</summary>
public sealed class GroupCongestionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_second_request_to_the_group_waits_until_the_first_ends()
    {
        await using var harness = new GroupHarness();
        var first = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        var sentFirst = await harness.NextAtGroupAsync();
        harness.Send(0, harness.Response(sentFirst, "a"));
        var second = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await WaitForExchangesAsync(harness, 2);

        Assert.Equal(1, SentToGroup(harness));
        Assert.Equal(1, harness.Count("coap.group.client.requests.waited[nstart]"));
        harness.Time.Advance(Deadline);

        Assert.Equal("a", Assert.Single(await first.WaitAsync(TimeSpan.FromSeconds(10))).GetPayloadAsString());
        var sentSecond = await harness.NextAtGroupAsync();
        Assert.Equal("b", sentSecond.Options.GetString(CoapOptionNumber.UriPath));
        harness.Send(1, harness.Response(sentSecond, "b"));
        harness.Time.Advance(Deadline);
        Assert.Equal("b", Assert.Single(await second.WaitAsync(TimeSpan.FromSeconds(10))).GetPayloadAsString());
    }

    [Fact]
    public async Task A_request_gives_its_place_back_after_the_max_server_response_delay_even_if_it_collects_longer()
    {
        var options = new CoapClientOptions { Group = { MaxServerResponseDelay = TimeSpan.FromSeconds(5) } };
        await using var harness = new GroupHarness(options);
        var longOne = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), TimeSpan.FromMinutes(1)));
        harness.Send(0, harness.Response(await harness.NextAtGroupAsync(), "a"));
        var next = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await WaitForExchangesAsync(harness, 2);

        harness.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, SentToGroup(harness));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("b", (await harness.NextAtGroupAsync()).Options.GetString(CoapOptionNumber.UriPath));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(longOne, next).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_group_observation_does_not_block_later_requests_to_the_group()
    {
        await using var harness = new GroupHarness();
        using var stop = new CancellationTokenSource();
        var observing = ConsumeAsync(harness.Client.ObserveGroupAsync(GroupHarness.Uri("/temp"), stop.Token));
        var registration = await harness.NextAtGroupAsync();
        var response = harness.Response(registration, "20 C");
        response.Options.Add(CoapOptionNumber.Observe, 1u);
        harness.Send(0, response);
        var request = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await WaitForExchangesAsync(harness, 2);

        harness.Time.Advance(new CoapGroupClientOptions().MaxServerResponseDelay);

        Assert.Equal("b", (await harness.NextAtGroupAsync()).Options.GetString(CoapOptionNumber.UriPath));
        harness.Time.Advance(Deadline);
        await request.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => observing.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task With_nstart_two_two_requests_go_out_at_once_and_other_groups_never_wait()
    {
        var options = new CoapClientOptions { Group = { NStart = 2 } };
        await using var harness = new GroupHarness(options);
        var first = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        var sentFirst = await harness.NextAtGroupAsync();
        harness.Send(0, harness.Response(sentFirst, "a"));
        var second = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await harness.NextAtGroupAsync();
        var other = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync("coap://224.0.1.188/c", Deadline));
        await WaitForSentAsync(harness, new IPEndPoint(IPAddress.Parse("224.0.1.188"), 5683), 1);

        Assert.Equal(0, harness.Count("coap.group.client.requests.waited[nstart]"));
        harness.Time.Advance(Deadline);
        await Task.WhenAll(first, second, other).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Towards_a_silent_group_the_next_request_waits_until_the_probing_rate_is_kept()
    {
        await using var harness = new GroupHarness();
        var silent = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        await harness.NextAtGroupAsync();
        var bytes = harness.Network.Sent.Single(d => d.To.Equals(GroupHarness.GroupAddress)).Bytes.Length;
        harness.Time.Advance(Deadline);
        Assert.Empty(await silent.WaitAsync(TimeSpan.FromSeconds(10)));

        var next = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await WaitForExchangesAsync(harness, 1);
        // PROBING_RATE 1 byte/s: the first request's bytes take that many seconds, counted from when it left.
        harness.Time.Advance(TimeSpan.FromSeconds(bytes) - Deadline - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, SentToGroup(harness));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("b", (await harness.NextAtGroupAsync()).Options.GetString(CoapOptionNumber.UriPath));
        Assert.Equal(1, harness.Count("coap.group.client.requests.waited[probing_rate]"));
        harness.Time.Advance(Deadline);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_response_lets_a_request_waiting_for_the_probing_rate_go_at_once()
    {
        var options = new CoapClientOptions { Group = { NStart = 2 } };
        await using var harness = new GroupHarness(options);
        var first = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        var sentFirst = await harness.NextAtGroupAsync();
        var second = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));
        await WaitForExchangesAsync(harness, 2);
        Assert.Equal(1, SentToGroup(harness));

        harness.Send(2, harness.Response(sentFirst, "a"));

        Assert.Equal("b", (await harness.NextAtGroupAsync()).Options.GetString(CoapOptionNumber.UriPath));
        harness.Time.Advance(Deadline);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Repeats_towards_a_silent_group_keep_the_probing_rate()
    {
        var options = new CoapClientOptions { Group = { RequestRepeats = 2, RepeatInterval = TimeSpan.FromSeconds(1) } };
        await using var harness = new GroupHarness(options);
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), TimeSpan.FromMinutes(5)));
        await harness.NextAtGroupAsync();
        var bytes = harness.Network.Sent.Single(d => d.To.Equals(GroupHarness.GroupAddress)).Bytes.Length;

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, SentToGroup(harness));
        harness.Time.Advance(TimeSpan.FromSeconds(bytes - 1));
        var repeat = await harness.NextAtGroupAsync();
        harness.Send(0, harness.Response(repeat, "here"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.NextAtGroupAsync();

        var sentAt = harness.Network.Sent.Where(d => d.To.Equals(GroupHarness.GroupAddress)).Select(d => d.SentAt).ToList();
        Assert.Equal([TimeSpan.FromSeconds(bytes), TimeSpan.FromSeconds(1)], [sentAt[1] - sentAt[0], sentAt[2] - sentAt[1]]);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Per_group_parameters_override_the_defaults_for_that_group_only()
    {
        var options = new CoapClientOptions();
        options.Group.PerGroup["224.0.1.187:5683"] = new CoapGroupTransmissionParameters { NStart = 2, ProbingRate = 1000 };
        await using var harness = new GroupHarness(options);
        var first = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        await harness.NextAtGroupAsync();
        var second = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline));

        // Two open at once, and the silent group's second request is not held back: 1000 bytes/s pays for it in milliseconds.
        harness.Time.Advance(TimeSpan.FromSeconds(0.1));
        await harness.NextAtGroupAsync();
        var other = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync("coap://224.0.1.188/c", Deadline));
        var queued = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync("coap://224.0.1.188/d", Deadline));
        await WaitForExchangesAsync(harness, 4);

        Assert.Equal(1, harness.Network.Sent.Count(d => d.To.Address.Equals(IPAddress.Parse("224.0.1.188"))));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(first, second, other, queued).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_wait_queue_is_bounded_and_a_cancelled_waiting_request_is_never_sent()
    {
        var options = new CoapClientOptions { Group = { MaxQueuedRequestsPerGroup = 1 } };
        await using var harness = new GroupHarness(options);
        var first = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/a"), Deadline));
        harness.Send(0, harness.Response(await harness.NextAtGroupAsync(), "a"));
        using var cancel = new CancellationTokenSource();
        var waiting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/b"), Deadline, cancel.Token));
        await WaitForExchangesAsync(harness, 2);

        await Assert.ThrowsAsync<CoapException>(async () => await harness.Client.SendToGroupAsync(GroupHarness.Uri("/c"), Deadline).GetAsyncEnumerator().MoveNextAsync());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        var third = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/c"), Deadline));
        harness.Time.Advance(Deadline);

        Assert.Equal("c", (await harness.NextAtGroupAsync()).Options.GetString(CoapOptionNumber.UriPath));
        harness.Time.Advance(Deadline);
        await Task.WhenAll(first, third).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(harness.Network.Sent, d => d.To.Equals(GroupHarness.GroupAddress) && CoapMessage.Parse(d.Bytes).Options.GetString(CoapOptionNumber.UriPath) == "b");
    }

    [Fact]
    public async Task A_request_larger_than_the_max_request_size_is_refused_before_anything_is_sent()
    {
        var options = new CoapClientOptions { Group = { MaxRequestSize = 80 } };
        await using var harness = new GroupHarness(options);
        var small = CoapRequest.Put(GroupHarness.Uri("/light")).WithPayload(new string('x', 40));
        var large = CoapRequest.Put(GroupHarness.Uri("/light")).WithPayload(new string('x', 80));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await harness.Client.SendToGroupAsync(large, Deadline).GetAsyncEnumerator().MoveNextAsync());
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(small, Deadline));
        var sent = await harness.NextAtGroupAsync();

        Assert.Contains("MaxRequestSize (80)", error.Message, StringComparison.Ordinal);
        Assert.True(sent.ToArray().Length <= 80);
        Assert.Equal(1, SentToGroup(harness));
        Assert.Equal(1, harness.ClientEndpoint.ActiveGroupExchanges); // the refused one left nothing behind
        harness.Time.Advance(Deadline);
        await collecting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("10.0.0.1:5683")]
    [InlineData("not an address")]
    [InlineData("[ff02::fd")]
    public void A_per_group_key_that_is_not_a_group_address_is_refused_when_the_client_is_created(string key)
    {
        var options = new CoapClientOptions();
        options.Group.PerGroup[key] = new CoapGroupTransmissionParameters { NStart = 2 };

        var error = Assert.Throws<ArgumentException>(() => new CoapClient(options));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ff02::fd]:5683")]
    [InlineData("ff02::fd")]
    [InlineData("224.0.1.187")]
    public void Per_group_keys_take_an_address_with_an_optional_port(string key)
    {
        var options = new CoapGroupClientOptions { NStart = 3 };
        options.PerGroup[key] = new CoapGroupTransmissionParameters { NStart = 2 };
        var table = Coap.Exchanges.GroupParameterTable.Build(options);

        var address = IPAddress.Parse(key.Contains('.', StringComparison.Ordinal) ? "224.0.1.187" : "ff02::fd");
        Assert.Equal(2, table.For(new IPEndPoint(address, 5683)).NStart);
        Assert.Equal(3, table.For(new IPEndPoint(address, 5690)).NStart);
    }

    [Fact]
    public void Invalid_rates_and_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapClient(new CoapClientOptions { Group = { NStart = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapClient(new CoapClientOptions { Group = { ProbingRate = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapClient(new CoapClientOptions { Group = { ProbingRate = double.NaN } }));
        var options = new CoapClientOptions();
        options.Group.PerGroup["224.0.1.187"] = new CoapGroupTransmissionParameters { ProbingRate = -1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoapClient(options));
    }

    private static int SentToGroup(GroupHarness harness) => harness.Network.Sent.Count(d => d.To.Equals(GroupHarness.GroupAddress));

    private static async Task ConsumeAsync(IAsyncEnumerable<CoapResponse> responses)
    {
        await foreach (var _ in responses)
        {
        }
    }

    /// <summary>Waits (real time, no sleep in fake time) until the client holds <paramref name="count"/> group exchanges.</summary>
    private static async Task WaitForExchangesAsync(GroupHarness harness, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (harness.ClientEndpoint.ActiveGroupExchanges < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} group exchanges");
            await Task.Delay(5);
        }
    }

    private static async Task WaitForSentAsync(GroupHarness harness, IPEndPoint to, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (harness.Network.Sent.Count(d => d.To.Equals(to)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} datagrams to {to}");
            await Task.Delay(5);
        }
    }
}
