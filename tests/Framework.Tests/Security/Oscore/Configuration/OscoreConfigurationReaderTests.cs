using Coap.Security.Oscore;
using Coap.Security.Oscore.Configuration;
using Microsoft.Extensions.Configuration;

namespace Coap.Tests.Security.Oscore.Configuration;

/// <summary>Security contexts from configuration (<c>Coap:Security:Contexts</c>): parsing, derivation input, and errors that name the key.</summary>
public sealed class OscoreConfigurationReaderTests
{
    private const string Secret = "0102030405060708090a0b0c0d0e0f10";
    private const string Salt = "9e7ca92223786340";

    [Fact]
    public void Plugtest_server_contexts_bind_from_configuration_and_derive_the_RFC_8613_C1_and_C3_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coap:Security:StateDirectory"] = "/var/lib/coap",
            ["Coap:Security:Contexts:0:Name"] = "b",
            ["Coap:Security:Contexts:0:MasterSecret"] = Secret,
            ["Coap:Security:Contexts:0:MasterSalt"] = Salt,
            ["Coap:Security:Contexts:0:SenderId"] = "01",
            ["Coap:Security:Contexts:0:RecipientId"] = "",
            ["Coap:Security:Contexts:1:Name"] = "d",
            ["Coap:Security:Contexts:1:MasterSecret"] = "base64:" + Convert.ToBase64String(Convert.FromHexString(Secret)),
            ["Coap:Security:Contexts:1:MasterSalt"] = "hex:" + Salt,
            ["Coap:Security:Contexts:1:SenderId"] = "01",
            ["Coap:Security:Contexts:1:RecipientId"] = "",
            ["Coap:Security:Contexts:1:IdContext"] = "37cbf3210017a2d3",
            ["Coap:Security:Contexts:1:Algorithm"] = "10",
        }).Build();
        var options = new CoapSecurityOptions();
        configuration.GetSection("Coap:Security").Bind(options, o => o.ErrorOnUnknownConfiguration = true);

        var contexts = OscoreConfigurationReader.Read(options);

        Assert.Equal("/var/lib/coap", options.StateDirectory);
        Assert.Equal(["b", "d"], contexts.Select(c => c.Name));
        using var b = OscoreSecurityContext.Derive(contexts[0].Parameters);
        using var d = OscoreSecurityContext.Derive(contexts[1].Parameters);
        Assert.Equal("4622d4dd6d944168eefb54987c", Convert.ToHexStringLower(b.Common.CommonIv)); // C.1.2
        Assert.Equal("2ca58fb85ff1b81c0b7181b85e", Convert.ToHexStringLower(d.Common.CommonIv)); // C.3.2
        Assert.Same(OscoreAlgorithm.AesCcm16_64_128, contexts[1].Parameters.Algorithm);
    }

    [Fact]
    public void Client_context_is_picked_by_uri_pattern()
    {
        var options = new CoapSecurityOptions();
        var context = Context("", "01");
        context.Uris.Add("coap://Device.Example/*");
        context.Uris.Add("coap://other.example:5700/exact");
        options.Contexts.Add(context);

        var read = Assert.Single(OscoreConfigurationReader.Read(options));

        Assert.True(read.Protects(new Uri("coap://device.example/sensors/temp")));
        Assert.True(read.Protects(new Uri("coap://device.example:5683/")));
        Assert.True(read.Protects(new Uri("coap://other.example:5700/exact?x=1")));
        Assert.False(read.Protects(new Uri("coap://device.example:5700/sensors")));
        Assert.False(read.Protects(new Uri("coap://evil.example/sensors")));
        Assert.False(read.Protects(new Uri("coap://other.example:5700/exact/more")));
        Assert.False(read.Protects(new Uri("coaps://device.example/sensors")));
    }

    [Theory]
    [InlineData("MasterSecret", "", "Coap:Security:Contexts:0:MasterSecret is required")]
    [InlineData("MasterSecret", "zz", "Coap:Security:Contexts:0:MasterSecret is not hex")]
    [InlineData("MasterSecret", "base64:%%", "Coap:Security:Contexts:0:MasterSecret is not valid base64")]
    [InlineData("SenderId", "0102030405060708", "Coap:Security:Contexts:0:SenderId is 8 bytes; AES-CCM-16-64-128 allows at most 7")]
    [InlineData("RecipientId", "00", "Coap:Security:Contexts:0:RecipientId must differ from the Sender ID")]
    [InlineData("Algorithm", "AES-CBC", "Coap:Security:Contexts:0:Algorithm is not a supported AEAD")]
    [InlineData("Uris", "http://device.example/*", "Coap:Security:Contexts:0:Uris:0 is not an absolute coap")]
    public void A_bad_value_fails_naming_its_key_and_never_the_secret(string setting, string value, string expected)
    {
        var context = Context("00", "01");
        switch (setting)
        {
            case "MasterSecret": context.MasterSecret = value; break;
            case "SenderId": context.SenderId = value; break;
            case "RecipientId": context.RecipientId = value; break;
            case "Algorithm": context.Algorithm = value; break;
            case "Uris": context.Uris.Add(value); break;
        }

        var options = new CoapSecurityOptions();
        options.Contexts.Add(context);

        var error = Assert.Throws<InvalidOperationException>(() => OscoreConfigurationReader.Read(options));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Two_contexts_a_server_could_not_tell_apart_are_refused()
    {
        var options = new CoapSecurityOptions();
        options.Contexts.Add(Context("01", ""));
        options.Contexts.Add(Context("02", ""));

        var error = Assert.Throws<InvalidOperationException>(() => OscoreConfigurationReader.Read(options));

        Assert.StartsWith("Coap:Security:Contexts:1:RecipientId repeats", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Replay_window_size_is_checked(int size)
    {
        var options = new CoapSecurityOptions { ReplayWindowSize = size };

        var error = Assert.Throws<InvalidOperationException>(() => OscoreConfigurationReader.Read(options));

        Assert.StartsWith("Coap:Security:ReplayWindowSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_never_show_the_secret_or_the_salt()
    {
        var options = new CoapSecurityOptions();
        options.Contexts.Add(Context("01", ""));
        var read = Assert.Single(OscoreConfigurationReader.Read(options));

        foreach (var text in new[] { options.Contexts[0].ToString(), read.ToString(), read.Parameters.ToString() })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Salt, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("01 02 03", "010203")]
    [InlineData("0x0a0B", "0a0b")]
    [InlineData("aa:bb-cc", "aabbcc")]
    [InlineData("", "")]
    public void Byte_values_accept_common_hex_spellings(string text, string hex) =>
        Assert.Equal(hex, Convert.ToHexStringLower(OscoreConfigurationReader.ReadBytes(text, "key")));

    private static CoapOscoreContextOptions Context(string sender, string recipient) => new()
    {
        MasterSecret = Secret,
        MasterSalt = Salt,
        SenderId = sender,
        RecipientId = recipient,
    };
}
