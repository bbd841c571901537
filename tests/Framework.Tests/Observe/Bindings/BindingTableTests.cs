using Coap.Discovery;
using Coap.Observe.Bindings;

namespace Coap.Tests.Observe.Bindings;

public sealed class BindingTableTests
{
    private const BindingMethods AllMethods = BindingMethods.Observe | BindingMethods.Poll | BindingMethods.Push | BindingMethods.Execute;
    private const BindingRoles BothRoles = BindingRoles.Source | BindingRoles.Destination;

    private const string Figure2Put =
        "<coap://sensor.example.com/s/light>;\n" +
        "    rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60";

    private const string Figure2Rendered =
        "<coap://sensor.example.com/s/light>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60";

    private static readonly Dictionary<string, BindingResourceInfo> s_resources = new[]
    {
        new BindingResourceInfo("/a/light", BindingMethods.Observe | BindingMethods.Poll, BindingRoles.Destination, ConditionalAttributes.None),
        new BindingResourceInfo("/a/fan", AllMethods, BothRoles, ConditionalAttributes.None),
        new BindingResourceInfo("/s/temp", BindingMethods.Push | BindingMethods.Execute, BindingRoles.Source, ConditionalAttributes.None),
        new BindingResourceInfo("/a/obs-only", BindingMethods.Observe, BothRoles, ConditionalAttributes.None),
        new BindingResourceInfo("/a/source-only", AllMethods, BindingRoles.Source, ConditionalAttributes.None),
        new BindingResourceInfo("/a/dest-only", AllMethods, BindingRoles.Destination, ConditionalAttributes.None),
        new BindingResourceInfo("/a/slow", AllMethods, BothRoles, new ConditionalAttributes { MaxPeriod = 5 }),
        new BindingResourceInfo("/bnd/", AllMethods, BothRoles, ConditionalAttributes.None),
    }.ToDictionary(r => r.Path);

    private static BindingResourceInfo? Resolve(string path) => s_resources.GetValueOrDefault(path);

    private static BindingTable TableWith(string linkFormat)
    {
        var table = new BindingTable();
        Assert.True(table.TryReplace(linkFormat, Resolve, out var error), error);
        return table;
    }

    private static string Rejected(string linkFormat)
    {
        var table = TableWith("<coap://h/s>;rel=boundto;anchor=/a/fan;bind=obs");
        var before = table.Entries;
        var changed = 0;
        table.Changed += () => changed++;

        Assert.False(table.TryReplace(linkFormat, Resolve, out var error));

        Assert.NotNull(error);
        Assert.Same(before, table.Entries);
        Assert.Equal(0, changed);
        return error;
    }

    private static string Link(string target, string anchor, string bind, string extra = "") =>
        $"<{target}>;rel=\"boundto\";anchor=\"{anchor}\";bind=\"{bind}\"{extra}";

    [Fact]
    public void Figure2Put_IsStoredAndRenderedAsInTheDraft()
    {
        var table = TableWith(Figure2Put);

        var entry = Assert.Single(table.Entries);
        Assert.Equal("coap://sensor.example.com/s/light", entry.Source);
        Assert.Equal("/a/light", entry.Destination);
        Assert.Equal(BindingMethods.Observe, entry.Method);
        Assert.Equal(new ConditionalAttributes { MinPeriod = 10, MaxPeriod = 60 }, entry.Conditions);
        Assert.Equal(Figure2Rendered, table.ToLinkFormat());
    }

    [Theory]
    [InlineData("<coap://sensor.example.com/a/switch1/>;\n    rel=boundto;anchor=/a/fan;;bind=\"obs\",\n<coap://sensor.example.com/a/switch2/>;\n    rel=boundto;anchor=/a/light;bind=\"obs\"")]
    [InlineData("<coap://sensor.example.com/a/switch1/>;\n    rel=boundto;anchor=/a/fan,;bind=\"obs\",\n<coap://sensor.example.com/a/switch2/>;\n    rel=boundto;anchor=/a/light;bind=\"obs\"")]
    public void Figure2Get_BothVariants_AreAccepted(string text)
    {
        var table = TableWith(text);

        Assert.Equal(
            [
                new LinkBinding("coap://sensor.example.com/a/switch1/", "/a/fan", BindingMethods.Observe, ConditionalAttributes.None),
                new LinkBinding("coap://sensor.example.com/a/switch2/", "/a/light", BindingMethods.Observe, ConditionalAttributes.None),
            ],
            table.Entries);
    }

    [Fact]
    public void Rendering_RoundTripsThroughTheParser()
    {
        var table = TableWith(string.Join(",\n",
            Link("coap://h/s/1", "/a/fan", "obs", ";pmin=1.5;pmax=60;st=0.5;gt=-3;lt=40;band;epmin=2;epmax=3;con=0;edge=1"),
            Link("coap://[2001:db8::1]:61616/s/2", "/a/light", "poll", ";pmin=10;pmax=10"),
            Link("/s/temp", "coap://actuator.example.com/a/fan", "push", ";st=2"),
            Link("coap://localhost/s/temp", "coap://[ff02::fd]/group", "exec")));

        var rendered = table.ToLinkFormat();

        Assert.True(LinkFormatParser.TryParse(rendered, out var links, out _));
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Equal("boundto", l.GetAttribute("rel")));
        var again = TableWith(rendered);
        Assert.Equal(table.Entries, again.Entries);
        Assert.Equal(rendered, again.ToLinkFormat());
    }

    [Fact]
    public void EmptyTable_RendersEmpty() => Assert.Equal("", new BindingTable().ToLinkFormat());

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n ")]
    public void EmptyPayload_ClearsTheTable_AndRaisesChanged(string text)
    {
        var table = TableWith(Figure2Put);
        var changed = 0;
        table.Changed += () => changed++;

        Assert.True(table.TryReplace(text, Resolve, out var error));

        Assert.Null(error);
        Assert.Empty(table.Entries);
        Assert.Equal(1, changed);
    }

    [Fact]
    public void Replace_ReplacesEverything_AndRaisesChangedAfterwards()
    {
        var table = TableWith(Figure2Put);
        IReadOnlyList<LinkBinding>? seen = null;
        table.Changed += () => seen = table.Entries;

        Assert.True(table.TryReplace(Link("/s/temp", "coap://h/a", "push"), Resolve, out _));

        Assert.Equal(BindingMethods.Push, Assert.Single(table.Entries).Method);
        Assert.Same(table.Entries, seen);
    }

    [Fact]
    public void Entries_CannotBeModifiedThroughTheSnapshot()
    {
        var table = TableWith(Figure2Put);

        Assert.False(table.Entries is LinkBinding[]);
        Assert.Throws<NotSupportedException>(() => ((IList<LinkBinding>)table.Entries).Clear());
    }

    // ---- LB-01: bind ----

    [Theory]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan", "bind (obs, poll, push or exec) is missing")]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan;bind", "bind needs a value")]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan;bind=\"\"", "bind needs a value")]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan;bind=observe", "bind=\"observe\" is not obs, poll, push or exec")]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan;bind=obs;bind=poll", "bind appears more than once")]
    public void Bind_MissingOrUnknown_IsRejected(string text, string reason) =>
        Assert.Contains(reason, Rejected(text), StringComparison.Ordinal);

    [Fact]
    public void Bind_IgnoresCase() =>
        Assert.Equal(BindingMethods.Poll, Assert.Single(TableWith("<coap://h/s>;rel=boundto;anchor=/a/fan;bind=POLL").Entries).Method);

    // ---- LB-03: rel, anchor, atomic replacement ----

    [Theory]
    [InlineData("<coap://h/s>;anchor=/a/fan;bind=obs")]
    [InlineData("<coap://h/s>;rel;anchor=/a/fan;bind=obs")]
    [InlineData("<coap://h/s>;rel=\"next\";anchor=/a/fan;bind=obs")]
    [InlineData("<coap://h/s>;rel=\"boundtoo\";anchor=/a/fan;bind=obs")]
    [InlineData("<coap://h/s>;rel=next;rel=boundto;anchor=/a/fan;bind=obs")]
    public void Rel_WithoutBoundTo_IsRejected(string text) =>
        Assert.Contains("rel must contain \"boundto\"", Rejected(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("rel=boundto")]
    [InlineData("rel=\"boundto\"")]
    [InlineData("rel=\"next boundto\"")]
    [InlineData("rel=BoundTo")]
    public void Rel_BoundTo_QuotedOrNot_IsAccepted(string rel) =>
        Assert.Single(TableWith($"<coap://h/s>;{rel};anchor=/a/fan;bind=obs").Entries);

    [Theory]
    [InlineData("<coap://h/s>;rel=boundto;bind=obs", "anchor (the destination) is missing")]
    [InlineData("<coap://h/s>;rel=boundto;anchor;bind=obs", "anchor needs a value")]
    [InlineData("<coap://h/s>;rel=boundto;anchor=/a/fan;anchor=/a/light;bind=obs", "anchor appears more than once")]
    public void Anchor_MissingOrRepeated_IsRejected(string text, string reason) =>
        Assert.Contains(reason, Rejected(text), StringComparison.Ordinal);

    [Fact]
    public void OneBadLink_LeavesTheWholeTableUnchanged_AndNamesTheLink()
    {
        var error = Rejected(Link("coap://h/x", "/a/light", "obs") + "," + Link("coap://h/y", "/a/light", "obs", ";pmin=0"));

        Assert.StartsWith("Link 2 <coap://h/y>: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedLinkFormat_IsRejected() =>
        Assert.StartsWith("Malformed link-format: unterminated '<'", Rejected("<coap://h/s;rel=boundto"), StringComparison.Ordinal);

    [Fact]
    public void SameBindingTwice_IsRejected() =>
        Assert.Contains("the same binding appears twice", Rejected(Figure2Put + "," + Figure2Put), StringComparison.Ordinal);

    [Fact]
    public void SameEndsWithAnotherMethod_IsAccepted() =>
        Assert.Equal(2, TableWith(Link("coap://h/s", "/a/fan", "obs") + "," + Link("coap://h/s", "/a/fan", "poll")).Entries.Count);

    [Fact]
    public void UnknownLinkParameters_AreIgnored()
    {
        var table = TableWith(Link("coap://h/s", "/a/fan", "obs", ";title=\"x\";foo"));

        Assert.Equal(Link("coap://h/s", "/a/fan", "obs"), table.ToLinkFormat());
    }

    // ---- LB-05: the local side ----

    [Theory]
    [InlineData("coap://h/s", "/a/light", "obs")]
    [InlineData("coap://h/s", "/a/light", "poll")]
    [InlineData("coap://h/s", "coap://localhost/a/light", "obs")]
    [InlineData("coap://h/s", "coap://127.0.0.1:61616/a/light", "obs")]
    [InlineData("coap://h/s", "coap://[::1]/a/light", "obs")]
    [InlineData("coap://h/s", "coap:///a/light", "obs")]
    [InlineData("coap://h/s", "coaps://LOCALHOST/a/./light", "obs")]
    [InlineData("coap://h/s", "/a/%6Cight", "obs")]
    [InlineData("/s/temp", "coap://h/a", "push")]
    [InlineData("/s/temp", "coap://[ff02::fd]/a", "exec")]
    [InlineData("coap://localhost/s/temp", "coap://h/a", "push")]
    [InlineData("/a/fan", "/a/light", "obs")]
    public void LocalSide_IsABindingResource_IsAccepted(string target, string anchor, string bind) =>
        Assert.Single(TableWith(Link(target, anchor, bind)).Entries);

    [Theory]
    [InlineData("/a/light", "coap://other.example.com/a/light", "obs", "the anchor (destination) \"coap://other.example.com/a/light\" of a obs binding must be a resource of this server")]
    [InlineData("/a/light", "coap://192.0.2.1/a/light", "poll", "must be a resource of this server")]
    [InlineData("coap://h/s/temp", "/s/temp", "push", "the target (source) \"coap://h/s/temp\" of a push binding must be a resource of this server")]
    [InlineData("coap://h/s/temp", "/s/temp", "exec", "must be a resource of this server")]
    [InlineData("coap://h/s", "a/light", "obs", "must be a resource of this server")]
    [InlineData("coap://h/s", "//localhost/a/light", "obs", "must be a resource of this server")]
    [InlineData("coap://h/s", "/a/unknown", "obs", "/a/unknown is not a binding resource of this server")]
    [InlineData("coap://h/s", "/s/temp", "obs", "/s/temp does not allow bind=\"obs\"")]
    [InlineData("coap://h/s", "/a/obs-only", "poll", "/a/obs-only does not allow bind=\"poll\"")]
    [InlineData("/a/light", "coap://h/a", "push", "/a/light does not allow bind=\"push\"")]
    [InlineData("coap://h/s", "/a/source-only", "obs", "/a/source-only may not be the destination of a binding")]
    [InlineData("/a/dest-only", "coap://h/a", "push", "/a/dest-only may not be the source of a binding")]
    [InlineData("/a/dest-only", "coap://h/a", "exec", "/a/dest-only may not be the source of a binding")]
    public void LocalSide_Wrong_IsRejected(string target, string anchor, string bind, string reason) =>
        Assert.Contains(reason, Rejected(Link(target, anchor, bind)), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://h/s")]
    [InlineData("s/light")]
    [InlineData("coap://h/s#frag")]
    [InlineData("")]
    public void RemoteSide_NotACoapUri_IsRejected(string target) =>
        Assert.Contains("is not an absolute path or a coap/coaps URI", Rejected(Link(target, "/a/light", "obs")), StringComparison.Ordinal);

    // ---- CA-01, CA-02: conditional attributes ----

    [Theory]
    [InlineData(";pmin=0", "pmin must be greater than 0")]
    [InlineData(";pmin=-1", "pmin must be greater than 0")]
    [InlineData(";pmax=0", "pmax must be greater than 0")]
    [InlineData(";pmin=10;pmax=5", "pmax must not be less than pmin")]
    [InlineData(";st=0", "st must be greater than 0")]
    [InlineData(";st=-0.5", "st must be greater than 0")]
    [InlineData(";epmin=0", "epmin must be greater than 0")]
    [InlineData(";epmax=0", "epmax must be greater than 0")]
    [InlineData(";epmin=2;epmax=2", "epmax must be greater than epmin")]
    [InlineData(";band", "band needs gt or lt")]
    [InlineData(";pmin=abc", "pmin must be a number")]
    [InlineData(";pmin", "pmin must be a number")]
    [InlineData(";gt=NaN", "gt must be a number")]
    [InlineData(";lt=Infinity", "lt must be a number")]
    [InlineData(";pmin=0x10", "pmin must be a number")]
    [InlineData(";pmin=1;pmin=2", "pmin appears more than once")]
    [InlineData(";edge", "edge must be 0 or 1")]
    [InlineData(";edge=10", "edge must be 0 or 1")]
    [InlineData(";con=yes", "con must be 0 or 1")]
    [InlineData(";band=2;gt=1", "band must be 0 or 1")]
    public void ConditionalAttributes_OutOfRange_AreRejected(string attributes, string reason) =>
        Assert.Contains(reason, Rejected(Link("coap://h/s", "/a/fan", "obs", attributes)), StringComparison.Ordinal);

    [Theory]
    [InlineData(";pmin=10;pmax=10")]
    [InlineData(";pmin=0.5")]
    [InlineData(";band;gt=1")]
    [InlineData(";band=1;lt=1")]
    [InlineData(";band=0")]
    [InlineData(";gt=-5;lt=-10")]
    [InlineData(";epmin=1;epmax=1.5")]
    [InlineData(";edge=0;con")]
    public void ConditionalAttributes_InRange_AreAccepted(string attributes) =>
        Assert.Single(TableWith(Link("coap://h/s", "/a/fan", "obs", attributes)).Entries);

    [Fact]
    public void ConditionalAttributes_AreReadIntoTheEntry()
    {
        var entry = Assert.Single(TableWith(Link("coap://h/s", "/a/fan", "obs", ";pmin=1;pmax=2;st=3;gt=4;lt=5;band;epmin=6;epmax=7;con=1;edge=0")).Entries);

        Assert.Equal(
            new ConditionalAttributes
            {
                MinPeriod = 1,
                MaxPeriod = 2,
                Step = 3,
                GreaterThan = 4,
                LessThan = 5,
                Band = true,
                MinEvaluationPeriod = 6,
                MaxEvaluationPeriod = 7,
                Confirmable = true,
                Edge = false,
            },
            entry.Conditions);
    }

    [Fact]
    public void NoConditionalAttributes_GiveNone() =>
        Assert.True(Assert.Single(TableWith(Link("coap://h/s", "/a/fan", "obs")).Entries).Conditions.IsEmpty);

    [Fact]
    public void ConditionalAttributes_ClashingWithTheResourceDefaults_AreRejected() =>
        Assert.Contains("with the defaults of /a/slow, pmax must not be less than pmin", Rejected(Link("coap://h/s", "/a/slow", "obs", ";pmin=10")), StringComparison.Ordinal);

    [Fact]
    public void ConditionalAttributes_OverridingTheResourceDefaults_AreAccepted_AndStoredWithoutThem()
    {
        var entry = Assert.Single(TableWith(Link("coap://h/s", "/a/slow", "obs", ";pmin=10;pmax=20")).Entries);

        Assert.Equal(new ConditionalAttributes { MinPeriod = 10, MaxPeriod = 20 }, entry.Conditions);
    }

    // ---- thread safety ----

    [Fact]
    public async Task ConcurrentReplaces_ReadersAlwaysSeeAWholeTable()
    {
        var table = new BindingTable();
        var one = Link("coap://h/1", "/a/fan", "obs");
        var two = Link("coap://h/2", "/a/fan", "obs") + "," + Link("coap://h/3", "/a/fan", "obs");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.True(table.TryReplace(w == 0 ? one : two, Resolve, out _));
            }
        }));
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var entries = table.Entries;
                Assert.True(entries.Count is 0 or 1 or 2);
                if (entries.Count == 2)
                {
                    Assert.Equal(["coap://h/2", "coap://h/3"], entries.Select(e => e.Source));
                }
            }
        });

        await Task.WhenAll([.. writers, reader]);
    }
}
