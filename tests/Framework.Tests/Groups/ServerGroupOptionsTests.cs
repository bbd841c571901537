using System.Net;
using Microsoft.Extensions.Configuration;

namespace Coap.Tests.Groups;

/// <summary>Coap:Groups: binding, parsing and validation that names the key.</summary>
public sealed class ServerGroupOptionsTests
{
    private static CoapServerOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new CoapServerOptions();
        CoapServerOptionsBinder.Bind(configuration, options);
        return options;
    }

    [Fact]
    public void Defaults_FollowTheDraft()
    {
        var options = new CoapServerOptions().Groups;

        Assert.Equal(TimeSpan.FromSeconds(5), options.Leisure);
        Assert.True(options.SuppressErrorResponses);
        Assert.True(options.SuppressEmptyContent);
        Assert.True(options.NoResponseOverridesDefaults);
        Assert.Equal(1152, options.MaxUnauthenticatedResponseSize);
        Assert.Empty(options.Resolve());
    }

    [Fact]
    public void Groups_AreBound_AndResolved()
    {
        var options = Bind(
            ("Coap:Groups:Leisure", "00:00:01"),
            ("Coap:Groups:MaxUnauthenticatedResponseSize", "300"),
            ("Coap:Groups:Members:lights:Uri", "coap://group.example:5683/"),
            ("Coap:Groups:Members:lights:Address", "239.1.2.3"),
            ("Coap:Groups:Members:lights:Interfaces:0", "lo"),
            ("Coap:Groups:Members:all:Uri", "coap://[ff02::fd]"),
            ("Coap:Groups:Members:sensors:Uri", "coap://224.0.1.200"),
            ("Coap:Groups:Members:sensors:Port", "7700"));

        var groups = options.Groups.Resolve().ToDictionary(g => g.Name);

        Assert.Equal(TimeSpan.FromSeconds(1), options.Groups.Leisure);
        Assert.Equal(300, options.Groups.MaxUnauthenticatedResponseSize);
        Assert.Equal(new CoapGroup("lights", "group.example", IPAddress.Parse("239.1.2.3"), 5683, ["lo"]).Address, groups["lights"].Address);
        Assert.Equal(["lo"], groups["lights"].Interfaces);
        Assert.Equal("group.example", groups["lights"].Host);
        Assert.Equal(IPAddress.Parse("ff02::fd"), groups["all"].Address);
        Assert.Equal(5683, groups["all"].Port);
        Assert.Equal(7700, groups["sensors"].Port);
        Assert.True(groups["lights"].IsNamedBy("Group.Example"));
        Assert.True(groups["all"].IsNamedBy("[ff02::fd]"));
        Assert.True(groups["all"].IsNamedBy("ff02::fd%veth1"));
    }

    [Theory]
    [InlineData("Uri", "", "Coap:Groups:Members:g:Uri is required")]
    [InlineData("Uri", "coaps://224.0.1.187", "Coap:Groups:Members:g:Uri")]
    [InlineData("Uri", "coap://224.0.1.187/lights", "Coap:Groups:Members:g:Uri")]
    [InlineData("Uri", "coap://10.0.0.1", "Coap:Groups:Members:g:Uri: 10.0.0.1 is not an IP multicast address")]
    [InlineData("Uri", "coap://group.example", "Coap:Groups:Members:g:Address is required")]
    [InlineData("Uri", "coap://224.0.1.187:5684", "Coap:Groups:Members:g:Port: 5684")]
    public void InvalidMember_FailsNamingTheKey(string field, string value, string message)
    {
        var options = Bind(("Coap:Groups:Members:g:" + field, value));

        var error = Assert.Throws<InvalidOperationException>(options.Groups.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Coap:Groups:Members:g:Address", "10.1.1.1", "Coap:Groups:Members:g:Address: 10.1.1.1 is not an IP multicast address")]
    [InlineData("Coap:Groups:Members:g:Address", "224.0.1.1", "differs from the URI's address")]
    [InlineData("Coap:Groups:Members:g:Port", "7000", "Coap:Groups:Members:g:Port: 7000 differs from the URI's port 5700")]
    public void ConflictingFields_FailNamingTheKey(string key, string value, string message)
    {
        var options = Bind(("Coap:Groups:Members:g:Uri", "coap://224.0.1.187:5700"), (key, value));

        var error = Assert.Throws<InvalidOperationException>(options.Groups.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemberLeisure_IsBound_AndResolved()
    {
        var options = Bind(
            ("Coap:Groups:Members:lights:Uri", "coap://239.1.2.3"),
            ("Coap:Groups:Members:lights:Leisure", "00:00:00.750"),
            ("Coap:Groups:Members:all:Uri", "coap://224.0.1.187"));

        var groups = options.Groups.Resolve().ToDictionary(g => g.Name);

        Assert.Equal(TimeSpan.FromMilliseconds(750), options.Groups.Members["lights"].Leisure);
        Assert.Equal(TimeSpan.FromMilliseconds(750), groups["lights"].Leisure);
        Assert.Null(groups["all"].Leisure);
    }

    [Fact]
    public void NegativeMemberLeisure_FailsNamingTheKey()
    {
        var options = Bind(("Coap:Groups:Members:g:Uri", "coap://239.1.2.3"), ("Coap:Groups:Members:g:Leisure", "-00:00:01"));

        var error = Assert.Throws<InvalidOperationException>(options.Groups.Validate);

        Assert.StartsWith("Coap:Groups:Members:g:Leisure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeLeisure_FailsNamingTheKey()
    {
        var options = Bind(("Coap:Groups:Leisure", "-00:00:01"));

        var error = Assert.Throws<InvalidOperationException>(options.Groups.Validate);

        Assert.StartsWith("Coap:Groups:Leisure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ReportsGroupErrors()
    {
        var options = Bind(("Coap:Groups:Members:g:Uri", "coap://group.example"));

        var result = new CoapServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Coap:Groups:Members:g:Address", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_FailsBinding()
    {
        Assert.Throws<InvalidOperationException>(() => Bind(("Coap:Groups:Lesiure", "00:00:01")));
    }
}
