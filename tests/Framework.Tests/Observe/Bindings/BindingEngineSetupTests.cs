using System.Net;
using Coap.Observe.Bindings;

namespace Coap.Tests.Observe.Bindings;

/// <summary>What the engine and the hosting need before any request: the local base URI, the table bound and the options.</summary>
public sealed class BindingEngineSetupTests
{
    private static readonly BindingResourceInfo s_light =
        new("/a/light", BindingMethods.Observe | BindingMethods.Poll, BindingRoles.Destination, ConditionalAttributes.None);

    [Theory]
    [InlineData("127.0.0.1", 5683, "coap://127.0.0.1:5683")]
    [InlineData("0.0.0.0", 5690, "coap://127.0.0.1:5690")]
    [InlineData("::", 5690, "coap://[::1]:5690")]
    [InlineData("::1", 1234, "coap://[::1]:1234")]
    [InlineData("::ffff:127.0.0.1", 1234, "coap://127.0.0.1:1234")]
    [InlineData("fe80::1%3", 1234, "coap://[fe80::1]:1234")]
    public void LocalBase_IsTheBoundAddress_OrLoopbackForAWildcard(string address, int port, string expected)
    {
        Assert.Equal(expected, BindingEngine.LocalBaseFor(new IPEndPoint(IPAddress.Parse(address), port)));
    }

    [Fact]
    public void Table_RefusesMoreEntriesThanItsLimit_AndStaysUnchanged()
    {
        var table = new BindingTable(maxEntries: 2);
        const string One = "<coap://h/1>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";
        const string Two = "<coap://h/2>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";
        const string Three = "<coap://h/3>;rel=\"boundto\";anchor=\"/a/light\";bind=\"obs\"";
        Assert.True(table.TryReplace(One + "," + Two, Resolve, out var error), error);

        Assert.False(table.TryReplace(One + "," + Two + "," + Three, Resolve, out error));
        Assert.Equal("Too many bindings: 3, at most 2.", error);
        Assert.Equal(2, table.Entries.Count);
    }

    [Fact]
    public void Options_Defaults()
    {
        var options = new CoapBindingOptions();

        Assert.Equal("/bnd/", options.Path);
        Assert.Equal(64, options.MaxBindings);
        Assert.Equal(TimeSpan.FromMinutes(1), options.PollInterval);
        options.Validate();
    }

    [Theory]
    [InlineData("bnd/")]
    [InlineData("/")]
    [InlineData("//bnd")]
    [InlineData("/bnd?x")]
    [InlineData("/.well-known/core")]
    public void Options_RefuseABadPath(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new CoapBindingOptions { Path = path }.Validate());

        Assert.Equal("Path", error.ParamName);
    }

    [Fact]
    public void Options_RefuseAZeroLimitOrInterval()
    {
        Assert.Equal("MaxBindings", Assert.ThrowsAny<ArgumentException>(() => new CoapBindingOptions { MaxBindings = 0 }.Validate()).ParamName);
        Assert.Equal("PollInterval", Assert.ThrowsAny<ArgumentException>(() => new CoapBindingOptions { PollInterval = TimeSpan.Zero }.Validate()).ParamName);
    }

    [Fact]
    public async Task Engine_StartsAndStopsAWorkerPerEntry_ComparingEntriesByValue()
    {
        var table = new BindingTable();
        await using var client = new CoapClient(new CoapClientOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        await using var engine = new BindingEngine(table, Resolve, client, "coap://127.0.0.1:9", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        const string One = "<coap://192.0.2.1/1>;rel=\"boundto\";anchor=\"/a/light\";bind=\"poll\"";
        const string Two = "<coap://192.0.2.1/2>;rel=\"boundto\";anchor=\"/a/light\";bind=\"poll\"";
        Assert.True(table.TryReplace(One, Resolve, out _));

        engine.Start();
        Assert.Equal(1, engine.ActiveCount);
        Assert.True(table.TryReplace(Two + "," + One, Resolve, out _));
        Assert.Equal(2, engine.ActiveCount);
        Assert.True(table.TryReplace(Two, Resolve, out _));
        Assert.Equal(1, engine.ActiveCount);

        await engine.StopAsync();
        Assert.Equal(0, engine.ActiveCount);
        Assert.True(table.TryReplace(One, Resolve, out _));
        Assert.Equal(0, engine.ActiveCount);
    }

    private static BindingResourceInfo? Resolve(string path) => path == s_light.Path ? s_light : null;
}
