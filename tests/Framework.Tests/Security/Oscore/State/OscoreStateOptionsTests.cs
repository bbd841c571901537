using Coap.Security.Oscore.State;

namespace Coap.Tests.Security.Oscore.State;

/// <summary>Validation and defaults of <see cref="OscoreStateOptions"/>.</summary>
public sealed class OscoreStateOptionsTests
{
    [Fact]
    public void Defaults_AreValid_Window32_Reserve64_InMemory_AndTheAlgorithmLimits()
    {
        var options = new OscoreStateOptions();

        options.Validate();

        Assert.Equal(32, options.ReplayWindowSize);
        Assert.Equal(64, options.SequenceNumberReserve);
        Assert.IsType<InMemorySequenceNumberStore>(options.CreateStore());
        Assert.Equal(OscoreKeyLimits.ForAlgorithm(OscoreKeyLimits.AesCcm16_64_128), options.KeyLimitsFor(OscoreKeyLimits.AesCcm16_64_128));
    }

    [Fact]
    public void ConfiguredKeyLimits_OverrideTheTable_EvenForUnlistedAlgorithms()
    {
        var options = new OscoreStateOptions { KeyLimits = new OscoreKeyLimits(500, 5) };

        Assert.Equal(new OscoreKeyLimits(500, 5), options.KeyLimitsFor(OscoreKeyLimits.AesCcm16_64_128));
        Assert.Equal(new OscoreKeyLimits(500, 5), options.KeyLimitsFor(-65535));
    }

    [Fact]
    public void StateDirectory_SelectsTheFileStore()
    {
        using var directory = new TempDirectory();
        var options = new OscoreStateOptions { StateDirectory = directory.Path };

        var store = Assert.IsType<FileSequenceNumberStore>(options.CreateStore());

        Assert.Equal(directory.Path, store.Directory);
    }

    [Theory]
    [InlineData(0, 64, "ReplayWindowSize")]
    [InlineData(1025, 64, "ReplayWindowSize")]
    [InlineData(32, 0, "SequenceNumberReserve")]
    [InlineData(32, (1 << 20) + 1, "SequenceNumberReserve")]
    public void OutOfRangeValues_AreRejected_NamingTheProperty(int window, int reserve, string name)
    {
        var options = new OscoreStateOptions { ReplayWindowSize = window, SequenceNumberReserve = reserve };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void BlankStateDirectory_AndInvalidLimits_AreRejected()
    {
        Assert.Equal("StateDirectory", Assert.Throws<ArgumentException>(new OscoreStateOptions { StateDirectory = " " }.Validate).ParamName);
        Assert.Equal("FailedDecryptions", Assert.Throws<ArgumentOutOfRangeException>(new OscoreStateOptions { KeyLimits = new OscoreKeyLimits(1, 0) }.Validate).ParamName);
    }
}
