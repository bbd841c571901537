using System.Text;
using Coap.TestUtilities;
using Microsoft.Extensions.Configuration;

namespace Coap.Tests.Groups;

/// <summary>Application groups named in requests (groupcomm-bis §2.1, §2.2.1.2, §3.3): /gp/&lt;name&gt;/… or gp=&lt;name&gt;.</summary>
public sealed class ServerApplicationGroupTests
{
    private int _handled;

    /// <summary>Answers with the routed path and the application group the request named.</summary>
    private DelegateHandler Handler() => DelegateHandler.Sync(c =>
    {
        Interlocked.Increment(ref _handled);
        c.Response.WritePayload($"{c.GetPath()} in {c.ApplicationGroup ?? "-"}");
    });

    private static Action<CoapGroupOptions> Kitchen(CoapApplicationGroupEncoding encoding = CoapApplicationGroupEncoding.Path) => o =>
    {
        o.ApplicationGroups.Add("kitchen");
        o.ApplicationGroupEncoding = encoding;
        o.Leisure = TimeSpan.Zero;
    };

    [Fact]
    public async Task A_group_request_to_an_application_group_of_ours_is_routed_without_the_prefix()
    {
        await using var harness = new ServerGroupHarness(Handler(), Kitchen());

        harness.SendMulticast(harness.Request("gp/kitchen/lights/1"));

        Assert.Equal("/lights/1 in kitchen", Payload(Assert.Single(harness.Sent).Message));
    }

    [Fact]
    public async Task A_group_request_to_another_application_group_runs_nothing_and_is_not_answered()
    {
        await using var harness = new ServerGroupHarness(Handler(), Kitchen());
        using var counts = new MeterCounts(harness.Metrics.Meter);

        harness.SendMulticast(harness.Request("gp/garage/lights/1"));

        Assert.Empty(harness.Sent);
        Assert.Equal(0, _handled);
        Assert.Equal(1, counts["coap.group.responses.suppressed[foreign_application_group]"]);
    }

    [Fact]
    public async Task By_unicast_another_application_group_is_4_04_and_ours_is_served()
    {
        await using var harness = new ServerGroupHarness(Handler(), Kitchen());

        harness.SendUnicast(harness.Request("gp/garage/lights/1", type: CoapMessageType.Confirmable));
        harness.SendUnicast(harness.Request("gp/kitchen/lights/1", type: CoapMessageType.Confirmable));
        await WaitForSentAsync(harness, 2);

        var sent = harness.Sent.Select(s => s.Message).ToList();
        Assert.Equal(CoapCode.NotFound, sent[0].Code);
        Assert.Equal((CoapCode.Content, "/lights/1 in kitchen"), (sent[1].Code, Payload(sent[1])));
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task A_request_naming_no_application_group_is_routed_as_it_is()
    {
        await using var harness = new ServerGroupHarness(Handler(), Kitchen());

        harness.SendMulticast(harness.Request("lights/1"));
        harness.SendMulticast(harness.Request("gp"));

        Assert.Equal(["/lights/1 in -", "/gp in -"], harness.Sent.Select(s => Payload(s.Message)));
    }

    [Fact]
    public async Task Without_application_groups_configured_a_gp_path_is_an_ordinary_path()
    {
        await using var harness = new ServerGroupHarness(Handler(), o => o.Leisure = TimeSpan.Zero);

        harness.SendMulticast(harness.Request("gp/garage/lights/1"));

        Assert.Equal("/gp/garage/lights/1 in -", Payload(Assert.Single(harness.Sent).Message));
    }

    [Fact]
    public async Task With_query_encoding_gp_names_the_group_and_the_path_is_kept()
    {
        await using var harness = new ServerGroupHarness(Handler(), Kitchen(CoapApplicationGroupEncoding.Query));
        var ours = harness.Request("lights/1");
        ours.Options.Add(CoapOptionNumber.UriQuery, "gp=kitchen");
        var theirs = harness.Request("lights/1");
        theirs.Options.Add(CoapOptionNumber.UriQuery, "gp=garage");

        harness.SendMulticast(ours);
        harness.SendMulticast(theirs);

        Assert.Equal("/lights/1 in kitchen", Payload(Assert.Single(harness.Sent).Message));
    }

    [Fact]
    public async Task An_observation_through_an_application_group_is_notified_by_the_routed_path()
    {
        var value = 1;
        var handler = DelegateHandler.Sync(c =>
        {
            if (c.EnableObserve())
            {
                c.Response.WritePayload($"{c.GetPath()} {Volatile.Read(ref value)} in {c.ApplicationGroup}");
            }
        });
        await using var harness = new ServerGroupHarness(handler, Kitchen());
        var observations = harness.Observe();

        harness.SendMulticast(harness.Registration("gp/kitchen/temp"));
        Volatile.Write(ref value, 2);
        observations.Notify("/temp");
        await WaitForSentAsync(harness, 2);

        Assert.Equal(["/temp 1 in kitchen", "/temp 2 in kitchen"], harness.Sent.Select(s => Payload(s.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a=b")]
    public void An_application_group_name_that_is_not_one_segment_is_refused_naming_the_key(string name)
    {
        var options = new CoapGroupOptions();
        options.ApplicationGroups.Add(name);

        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Coap:Groups:ApplicationGroups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_groups_and_their_encoding_are_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coap:Groups:ApplicationGroups:0"] = "kitchen",
            ["Coap:Groups:ApplicationGroups:1"] = "all-lights",
            ["Coap:Groups:ApplicationGroupEncoding"] = "Query",
        }).Build();
        var options = new CoapServerOptions();

        CoapServerOptionsBinder.Bind(configuration, options);

        Assert.Equal(["kitchen", "all-lights"], options.Groups.ApplicationGroups);
        Assert.Equal(CoapApplicationGroupEncoding.Query, options.Groups.ApplicationGroupEncoding);
    }

    private static string Payload(CoapMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    /// <summary>Handlers and notifications may finish on the thread pool: waits (real time) for the datagrams.</summary>
    private static async Task WaitForSentAsync(ServerGroupHarness harness, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (harness.Sent.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} datagrams from the server");
            await Task.Delay(5);
        }
    }
}
