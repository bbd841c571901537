namespace Coap.Tests.Groups;

/// <summary>Repeating a group request on its token to make up for loss (draft-ietf-core-groupcomm-bis §3.1.5).</summary>
public sealed class GroupRepeatTests
{
    [Fact]
    public async Task Repeats_go_out_on_the_same_token_with_new_message_ids_and_stop_at_the_count()
    {
        var options = new CoapClientOptions();
        options.Group.RequestRepeats = 2;
        options.Group.RepeatInterval = TimeSpan.FromSeconds(1);
        options.Group.ProbingRate = 1000; // the silent group's pacing is not the subject here
        await using var harness = new GroupHarness(options);
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), TimeSpan.FromSeconds(6)));
        var first = await harness.NextAtGroupAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await harness.NextAtGroupAsync();
        harness.Send(1, harness.Response(second, "only the repeat reached me"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await harness.NextAtGroupAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(6));

        var response = Assert.Single(await collecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("only the repeat reached me", response.GetPayloadAsString());
        Assert.Equal(first.Token.ToArray(), second.Token.ToArray());
        Assert.Equal(first.Token.ToArray(), third.Token.ToArray());
        Assert.Equal(3, new[] { first.MessageId, second.MessageId, third.MessageId }.Distinct().Count());
        Assert.All([first, second, third], m => Assert.Equal(CoapMessageType.NonConfirmable, m.Type));
        Assert.Equal(3, harness.Network.Sent.Count(d => d.To.Equals(GroupHarness.GroupAddress)));
    }

    [Fact]
    public async Task No_repeat_is_sent_after_the_request_ended()
    {
        var options = new CoapClientOptions();
        options.Group.RequestRepeats = 5;
        options.Group.RepeatInterval = TimeSpan.FromSeconds(2);
        options.Group.ProbingRate = 1000;
        await using var harness = new GroupHarness(options);
        var collecting = GroupHarness.CollectAsync(harness.Client.SendToGroupAsync(GroupHarness.Uri("/temp"), TimeSpan.FromSeconds(3)));
        await harness.NextAtGroupAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.NextAtGroupAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await collecting.WaitAsync(TimeSpan.FromSeconds(10));
        harness.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(2, harness.Network.Sent.Count(d => d.To.Equals(GroupHarness.GroupAddress)));
    }
}
