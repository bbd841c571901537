using Coap.Discovery;
using Coap.Observe.Bindings;

namespace Coap.Tests.Observe.Bindings;

public sealed class LinkBindingTests
{
    [Fact]
    public void ToString_IsOneLink()
    {
        var binding = new LinkBinding("coap://sensor.example.com/s/light", "/a/light", BindingMethods.Observe, new ConditionalAttributes { MinPeriod = 10, MaxPeriod = 60 });

        Assert.Equal("<coap://sensor.example.com/s/light>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\";pmin=10;pmax=60", binding.ToString());
    }

    [Theory]
    [InlineData(BindingMethods.Observe, "obs")]
    [InlineData(BindingMethods.Poll, "poll")]
    [InlineData(BindingMethods.Push, "push")]
    [InlineData(BindingMethods.Execute, "exec")]
    public void ToString_WritesTheBindValue(BindingMethods method, string bind) =>
        Assert.EndsWith($";bind=\"{bind}\"", new LinkBinding("/s", "/d", method, ConditionalAttributes.None).ToString(), StringComparison.Ordinal);

    [Fact]
    public void ToString_WithSeveralMethods_DoesNotThrow() =>
        Assert.Contains("bind=\"Observe, Poll\"", new LinkBinding("/s", "/d", BindingMethods.Observe | BindingMethods.Poll, ConditionalAttributes.None).ToString(), StringComparison.Ordinal);

    [Fact]
    public void ToString_EscapesTheAnchor()
    {
        var text = new LinkBinding("/s", "/d\"x\\y", BindingMethods.Push, ConditionalAttributes.None).ToString();

        Assert.True(LinkFormatParser.TryParse(text, out var links, out _));
        Assert.Equal("/d\"x\\y", Assert.Single(links).GetAttribute("anchor"));
    }

    [Fact]
    public void ToString_WritesEveryConditionAsALinkParameter()
    {
        var conditions = new ConditionalAttributes
        {
            MinPeriod = 0.5,
            MaxPeriod = 2,
            MinEvaluationPeriod = 1,
            MaxEvaluationPeriod = 3,
            GreaterThan = -1.25,
            LessThan = 4,
            Step = 1e-3,
            Band = true,
            Edge = true,
            Confirmable = false,
        };

        var text = new LinkBinding("/s", "/d", BindingMethods.Push, conditions).ToString();

        Assert.EndsWith(";pmin=0.5;pmax=2;epmin=1;epmax=3;gt=-1.25;lt=4;st=0.001;band=1;edge=1;con=0", text, StringComparison.Ordinal);
        Assert.True(LinkFormatParser.TryParse(text, out var links, out _));
        Assert.True(BindingConditions.TryRead(Assert.Single(links), out var read, out _));
        Assert.Equal(conditions, read);
    }

    [Fact]
    public void Constructor_RejectsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => new LinkBinding(null!, "/d", BindingMethods.Push, ConditionalAttributes.None));
        Assert.Throws<ArgumentNullException>(() => new LinkBinding("/s", null!, BindingMethods.Push, ConditionalAttributes.None));
        Assert.Throws<ArgumentNullException>(() => new LinkBinding("/s", "/d", BindingMethods.Push, null!));
    }

    [Fact]
    public void Equality_IsByValue() =>
        Assert.Equal(
            new LinkBinding("/s", "/d", BindingMethods.Poll, new ConditionalAttributes { MinPeriod = 1 }),
            new LinkBinding("/s", "/d", BindingMethods.Poll, new ConditionalAttributes { MinPeriod = 1 }));

    [Theory]
    [InlineData("/a/light", "/a/light")]
    [InlineData("/a/light/", "/a/light/")]
    [InlineData("/", "/")]
    [InlineData("/a/../b?x=1", "/b")]
    [InlineData("coap://localhost", "/")]
    [InlineData("coap://localhost:5684/a", "/a")]
    [InlineData("coap://127.0.0.2/a", "/a")]
    [InlineData("coap://[::1]:1/a", "/a")]
    [InlineData("coap:///a", "/a")]
    [InlineData("coaps:///a", "/a")]
    [InlineData("coap://example.com/a", null)]
    [InlineData("coap://[ff02::fd]/a", null)]
    [InlineData("coap://192.0.2.1/a", null)]
    public void BindingReference_Valid(string reference, string? localPath)
    {
        Assert.True(BindingReference.TryResolve(reference, out var path));
        Assert.Equal(localPath, path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/light")]
    [InlineData("//localhost/a")]
    [InlineData("http://localhost/a")]
    [InlineData("coap+tcp://localhost/a")]
    [InlineData("coap://h/a#f")]
    [InlineData("coap://h/a b")]
    public void BindingReference_Invalid(string reference)
    {
        Assert.False(BindingReference.TryResolve(reference, out var path));
        Assert.Null(path);
    }

    [Fact]
    public void BindingResourceInfo_FromAttribute_MapsNaNToUnset()
    {
        var info = BindingResourceInfo.FromAttribute("/a", new BindingAttribute { MinPeriod = 5, Step = 0.5, Roles = BindingRoles.Source, Methods = BindingMethods.Push });

        Assert.Equal(new BindingResourceInfo("/a", BindingMethods.Push, BindingRoles.Source, new ConditionalAttributes { MinPeriod = 5, Step = 0.5 }), info);
        Assert.True(BindingResourceInfo.FromAttribute("/b", new BindingAttribute()).Defaults.IsEmpty);
    }

    [Fact]
    public void BindingResourceInfo_FromAttribute_CopiesBandAndConfirmable()
    {
        var info = BindingResourceInfo.FromAttribute("/a", new BindingAttribute { GreaterThan = 1, LessThan = 2, Band = true, Confirmable = true });

        Assert.Equal(new ConditionalAttributes { GreaterThan = 1, LessThan = 2, Band = true, Confirmable = true }, info.Defaults);
        Assert.Equal(BindingRoles.Source | BindingRoles.Destination, info.Roles);
    }

    [Fact]
    public void BindingConditions_Merge_EntryOverridesDefaults()
    {
        var merged = BindingConditions.Merge(
            new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 60, Confirmable = true },
            new ConditionalAttributes { MaxPeriod = 30, Step = 2 });

        Assert.Equal(new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 30, Step = 2, Confirmable = true }, merged);
    }

    [Fact]
    public void BindingConditions_Validate_RejectsNaNDefaults() =>
        Assert.False(BindingConditions.Validate(new ConditionalAttributes { MinPeriod = double.NaN }, out _));

    [Theory]
    [InlineData("/bnd/", "</bnd/>;rt=\"core.bnd\";ct=40")]
    [InlineData("/tables/b", "</tables/b>;rt=\"core.bnd\";ct=40")]
    public void BindingTableResource_DiscoveryLink(string path, string expected) =>
        Assert.Equal(expected, BindingTableResource.DiscoveryLink(path).Format());

    [Fact]
    public void BindingTableResource_PathMustBeAbsolute() =>
        Assert.Throws<ArgumentException>(() => new BindingTableResource(new BindingTable(), _ => null, "bnd"));
}
