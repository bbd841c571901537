using Microsoft.Extensions.Configuration;

namespace Coap.Tests.BlockWise.Inbound;

/// <summary><c>Coap:BlockWise</c> and <c>Coap:BlockWise:QBlock</c> are bound and validated like the other sections.</summary>
public sealed class BlockWiseConfigurationTests
{
    private static CoapServerOptions Bind(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var options = new CoapServerOptions();
        CoapServerOptionsBinder.Bind(configuration, options);
        return options;
    }

    [Fact]
    public void BlockWiseAndQBlockSections_AreBound()
    {
        var options = Bind(
            ("Coap:BlockWise:PreferredBlockSize", "256"),
            ("Coap:BlockWise:MaxBodySize", "100000"),
            ("Coap:BlockWise:ReassemblyTimeout", "00:00:30"),
            ("Coap:BlockWise:QBlock:Enabled", "true"),
            ("Coap:BlockWise:QBlock:MaxPayloads", "5"),
            ("Coap:BlockWise:QBlock:NonReceiveTimeout", "00:00:06"));

        Assert.Equal(256, options.BlockWise.PreferredBlockSize);
        Assert.Equal(100000, options.BlockWise.MaxBodySize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BlockWise.ReassemblyTimeout);
        Assert.True(options.BlockWise.QBlock.Enabled);
        Assert.Equal(5, options.BlockWise.QBlock.MaxPayloads);
        Assert.Equal(TimeSpan.FromSeconds(6), options.BlockWise.QBlock.NonReceiveTimeout);
        Assert.True(new CoapServerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void UnknownKey_FailsBinding()
    {
        Assert.ThrowsAny<InvalidOperationException>(() => Bind(("Coap:BlockWise:QBlock:MaxPayload", "5")));
    }

    [Theory]
    [InlineData("Coap:BlockWise:PreferredBlockSize", "100", "PreferredBlockSize")]
    [InlineData("Coap:BlockWise:MaxTransfersPerPeer", "0", "MaxTransfersPerPeer")]
    [InlineData("Coap:BlockWise:QBlock:MaxPayloads", "0", "MaxPayloads")]
    [InlineData("Coap:BlockWise:QBlock:NonReceiveTimeout", "00:00:03", "NonReceiveTimeout")]
    public void InvalidValue_FailsValidationNamingTheKey(string key, string value, string name)
    {
        var result = new CoapServerOptionsValidator().Validate(null, Bind((key, value)));

        Assert.True(result.Failed);
        Assert.Contains("Coap:BlockWise:", result.FailureMessage);
        Assert.Contains(name, result.FailureMessage);
    }
}
