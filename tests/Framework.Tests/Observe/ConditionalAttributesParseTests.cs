using Coap.Observe;

namespace Coap.Tests.Observe;

public sealed class ConditionalAttributesParseTests
{
    private static ConditionalAttributes Parse(params string[] items)
    {
        Assert.True(ConditionalAttributes.TryParse(items, null, out var result, out var error), error);
        Assert.Null(error);
        return result;
    }

    private static string ParseError(params string[] items)
    {
        Assert.False(ConditionalAttributes.TryParse(items, null, out var result, out var error));
        Assert.Equal(ConditionalAttributes.None, result);
        Assert.NotNull(error);
        return error;
    }

    // ---- IsConditionalParameter ----

    [Theory]
    [InlineData("c.pmin=10")]
    [InlineData("c.pmax=20")]
    [InlineData("c.epmin=1")]
    [InlineData("c.epmax=2")]
    [InlineData("c.gt=25")]
    [InlineData("c.lt=5")]
    [InlineData("c.st=0.5")]
    [InlineData("c.band")]
    [InlineData("c.edge=1")]
    [InlineData("c.con=0")]
    [InlineData("pmin=10")]
    [InlineData("pmax")]
    [InlineData("epmin=1")]
    [InlineData("epmax=2")]
    [InlineData("gt=25")]
    [InlineData("lt=5")]
    [InlineData("st=1")]
    [InlineData("band=1")]
    [InlineData("edge=0")]
    [InlineData("con=1")]
    [InlineData("pmax=20;gt=25")]
    public void IsConditionalParameter_RecognisesBothNameStyles(string item) =>
        Assert.True(ConditionalAttributes.IsConditionalParameter(item));

    [Theory]
    [InlineData("")]
    [InlineData("unit=C")]
    [InlineData("c.unknown=1")]
    [InlineData("c.")]
    [InlineData("pminx=1")]
    [InlineData("PMIN=1")]
    [InlineData("x=pmin")]
    [InlineData("rt=temp;pmin=1")]
    public void IsConditionalParameter_RejectsOtherItems(string item) =>
        Assert.False(ConditionalAttributes.IsConditionalParameter(item));

    // ---- TryParse: names and values ----

    [Fact]
    public void TryParse_PrefixedNames_SetsEveryField()
    {
        var attributes = Parse("c.pmin=1.5", "c.pmax=20", "c.epmin=0.25", "c.epmax=30", "c.gt=25", "c.lt=-5", "c.st=0.5", "c.band", "c.con=1");

        Assert.Equal(1.5, attributes.MinPeriod);
        Assert.Equal(20, attributes.MaxPeriod);
        Assert.Equal(0.25, attributes.MinEvaluationPeriod);
        Assert.Equal(30, attributes.MaxEvaluationPeriod);
        Assert.Equal(25, attributes.GreaterThan);
        Assert.Equal(-5, attributes.LessThan);
        Assert.Equal(0.5, attributes.Step);
        Assert.True(attributes.Band);
        Assert.Null(attributes.Edge);
        Assert.True(attributes.Confirmable);
    }

    [Fact]
    public void TryParse_LegacyNames_SetsEveryField()
    {
        var attributes = Parse("pmin=2", "pmax=20", "epmin=1", "epmax=30", "gt=25", "lt=5", "st=1", "band=1", "con=0");

        Assert.Equal(
            new ConditionalAttributes
            {
                MinPeriod = 2,
                MaxPeriod = 20,
                MinEvaluationPeriod = 1,
                MaxEvaluationPeriod = 30,
                GreaterThan = 25,
                LessThan = 5,
                Step = 1,
                Band = true,
                Confirmable = false,
            },
            attributes);
    }

    [Fact]
    public void TryParse_IgnoresOtherItems()
    {
        var attributes = Parse("unit=C", "c.pmin=10", "raw", "c.unknown=5");

        Assert.Equal(new ConditionalAttributes { MinPeriod = 10 }, attributes);
    }

    [Fact]
    public void TryParse_NoItems_GivesNone()
    {
        var attributes = Parse();

        Assert.True(attributes.IsEmpty);
    }

    [Theory]
    [InlineData("pmin=\"10\"")]
    [InlineData("c.pmin=\"10\"")]
    [InlineData("c.pmin= 10 ")]
    [InlineData("c.pmin=10.0")]
    [InlineData("c.pmin=+10")]
    public void TryParse_LenientNumbers(string item) =>
        Assert.Equal(10, Parse(item).MinPeriod);

    [Fact]
    public void TryParse_SemicolonJoinedItem_ReadsEachParameter()
    {
        Assert.Equal(new ConditionalAttributes { MaxPeriod = 20, GreaterThan = 25 }, Parse("pmax=20;gt=25"));
        Assert.Equal(new ConditionalAttributes { MaxPeriod = 20, GreaterThan = 25 }, Parse("c.pmax=20;c.gt=25"));
    }

    [Theory]
    [InlineData("c.band", true)]
    [InlineData("band", true)]
    [InlineData("band=1", true)]
    [InlineData("band=true", true)]
    [InlineData("c.band=1", true)]
    [InlineData("band=0", false)]
    [InlineData("band=false", false)]
    public void TryParse_Band_AcceptsBareAndBoolean(string item, bool expected) =>
        Assert.Equal(expected, Parse("c.gt=10", item).Band);

    [Theory]
    [InlineData("c.edge=1", true)]
    [InlineData("c.edge=0", false)]
    [InlineData("edge=true", true)]
    [InlineData("edge=false", false)]
    [InlineData("c.edge=\"1\"", true)]
    public void TryParse_Edge_IsBoolean(string item, bool expected) =>
        Assert.Equal(expected, Parse(item).Edge);

    [Theory]
    [InlineData("c.con=1", true)]
    [InlineData("c.con=0", false)]
    [InlineData("con=true", true)]
    [InlineData("con=false", false)]
    public void TryParse_Con_IsBoolean(string item, bool expected) =>
        Assert.Equal(expected, Parse(item).Confirmable);

    // ---- TryParse: errors ----

    [Theory]
    [InlineData("c.edge=10", "c.edge")]
    [InlineData("c.edge=yes", "c.edge")]
    [InlineData("c.edge", "c.edge")]
    [InlineData("c.con=2", "c.con")]
    [InlineData("con", "con")]
    [InlineData("c.band=2", "c.band")]
    [InlineData("c.pmin=abc", "c.pmin")]
    [InlineData("c.pmin", "c.pmin")]
    [InlineData("c.pmin=", "c.pmin")]
    [InlineData("pmin=ten", "pmin")]
    [InlineData("c.gt=NaN", "c.gt")]
    [InlineData("c.gt=Infinity", "c.gt")]
    [InlineData("c.pmax=1e400", "c.pmax")]
    [InlineData("c.st=1,5", "c.st")]
    public void TryParse_TypeErrors_Fail(string item, string name) =>
        Assert.StartsWith(name + " ", ParseError(item), StringComparison.Ordinal);

    [Theory]
    [InlineData("c.pmin=1", "c.pmin=2")]
    [InlineData("c.pmin=1", "pmin=1")]
    [InlineData("c.band", "band")]
    [InlineData("c.edge=1", "c.edge=1")]
    public void TryParse_ParameterGivenTwice_Fails(string first, string second) =>
        Assert.Contains("more than once", ParseError(first, second), StringComparison.Ordinal);

    [Fact]
    public void TryParse_ParameterTwiceInJoinedItem_Fails() =>
        Assert.Contains("more than once", ParseError("pmin=1;pmin=2"), StringComparison.Ordinal);

    [Theory]
    [InlineData("c.pmin=0", "c.pmin must be greater than 0")]
    [InlineData("c.pmin=-1", "c.pmin must be greater than 0")]
    [InlineData("c.pmax=0", "c.pmax must be greater than 0")]
    [InlineData("c.pmax=-2", "c.pmax must be greater than 0")]
    [InlineData("c.epmin=0", "c.epmin must be greater than 0")]
    [InlineData("c.epmax=0", "c.epmax must be greater than 0")]
    [InlineData("c.epmax=-0.5", "c.epmax must be greater than 0")]
    [InlineData("c.st=0", "c.st must be greater than 0")]
    [InlineData("c.st=-1", "c.st must be greater than 0")]
    [InlineData("c.band", "c.band needs c.gt or c.lt")]
    [InlineData("pmin=-1", "c.pmin must be greater than 0")]
    public void TryParse_RangeErrors_Fail(string item, string expected) =>
        Assert.Equal(expected, ParseError(item));

    [Fact]
    public void TryParse_PmaxBelowPmin_Fails() =>
        Assert.Equal("c.pmax must be greater than or equal to c.pmin", ParseError("c.pmin=10", "c.pmax=5"));

    [Theory]
    [InlineData("c.epmax=5")]
    [InlineData("c.epmax=4")]
    public void TryParse_EpmaxNotAboveEpmin_Fails(string epmax) =>
        Assert.Equal("c.epmax must be greater than c.epmin", ParseError("c.epmin=5", epmax));

    [Fact]
    public void TryParse_PminEqualsPmax_IsAllowed() =>
        Assert.Equal(new ConditionalAttributes { MinPeriod = 10, MaxPeriod = 10 }, Parse("c.pmin=10", "c.pmax=10"));

    [Fact]
    public void TryParse_BandWithOnlyLt_IsAllowed() =>
        Assert.True(Parse("c.lt=5", "c.band").Band);

    // ---- Defaults ----

    [Fact]
    public void TryParse_Defaults_MergedFieldByField()
    {
        var defaults = new ConditionalAttributes { MinPeriod = 5, MaxPeriod = 60, Step = 1, Confirmable = true };

        Assert.True(ConditionalAttributes.TryParse(["c.pmax=30", "c.gt=25", "c.con=0"], defaults, out var result, out var error), error);

        Assert.Equal(
            new ConditionalAttributes { MinPeriod = 5, MaxPeriod = 30, Step = 1, GreaterThan = 25, Confirmable = false },
            result);
    }

    [Fact]
    public void TryParse_NoQuery_GivesDefaults()
    {
        var defaults = new ConditionalAttributes { MinPeriod = 5, GreaterThan = 3, Band = true };

        Assert.True(ConditionalAttributes.TryParse(["unit=C"], defaults, out var result, out _));

        Assert.Equal(defaults, result);
    }

    [Fact]
    public void TryParse_QueryTurnsOffDefaultBand()
    {
        var defaults = new ConditionalAttributes { GreaterThan = 3, Band = true };

        Assert.True(ConditionalAttributes.TryParse(["band=0"], defaults, out var result, out _));

        Assert.False(result.Band);
        Assert.Equal(3, result.GreaterThan);
    }

    [Fact]
    public void TryParse_MergedResultIsValidated()
    {
        var defaults = new ConditionalAttributes { MinPeriod = 30 };

        Assert.False(ConditionalAttributes.TryParse(["c.pmax=20"], defaults, out _, out var error));

        Assert.Equal("c.pmax must be greater than or equal to c.pmin", error);
    }

    [Fact]
    public void WithDefaults_ThisWins()
    {
        var query = new ConditionalAttributes { MinPeriod = 1, Edge = false };
        var defaults = new ConditionalAttributes { MinPeriod = 5, MaxPeriod = 60, Edge = true, Confirmable = true, GreaterThan = 2, Band = true };

        var merged = query.WithDefaults(defaults);

        Assert.Equal(
            new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 60, Edge = false, Confirmable = true, GreaterThan = 2, Band = true },
            merged);
    }

    // ---- Validate ----

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Validate_NonFinite_Fails(double value)
    {
        Assert.Equal("c.pmin must be a finite number", new ConditionalAttributes { MinPeriod = value }.Validate());
        Assert.Equal("c.gt must be a finite number", new ConditionalAttributes { GreaterThan = value }.Validate());
        Assert.Equal("c.st must be a finite number", new ConditionalAttributes { Step = value }.Validate());
    }

    [Fact]
    public void Validate_ValidAttributes_GivesNull()
    {
        Assert.Null(ConditionalAttributes.None.Validate());
        Assert.Null(new ConditionalAttributes { MinPeriod = 0.1, MaxPeriod = 0.1, MinEvaluationPeriod = 1, MaxEvaluationPeriod = 1.5, GreaterThan = -3, LessThan = 0, Step = 0.01, Band = true }.Validate());
    }

    // ---- ValidateFor (CA-03) ----

    [Fact]
    public void ValidateFor_NumericAttributes_NeedANumber()
    {
        var numeric = new[]
        {
            new ConditionalAttributes { GreaterThan = 1 },
            new ConditionalAttributes { LessThan = 1 },
            new ConditionalAttributes { Step = 1 },
            new ConditionalAttributes { GreaterThan = 1, Band = true },
        };

        foreach (var attributes in numeric)
        {
            Assert.Null(attributes.ValidateFor(ObservedValueKind.Number));
            Assert.NotNull(attributes.ValidateFor(ObservedValueKind.Boolean));
            Assert.NotNull(attributes.ValidateFor(ObservedValueKind.Text));
            Assert.NotNull(attributes.ValidateFor(ObservedValueKind.None));
        }
    }

    [Fact]
    public void ValidateFor_Edge_NeedsABoolean()
    {
        var attributes = new ConditionalAttributes { Edge = true };

        Assert.Null(attributes.ValidateFor(ObservedValueKind.Boolean));
        Assert.Equal("c.edge applies only to a boolean resource", attributes.ValidateFor(ObservedValueKind.Number));
        Assert.NotNull(attributes.ValidateFor(ObservedValueKind.Text));
        Assert.NotNull(attributes.ValidateFor(ObservedValueKind.None));
    }

    [Fact]
    public void ValidateFor_TimingAttributes_FitAnyKind()
    {
        var attributes = new ConditionalAttributes { MinPeriod = 1, MaxPeriod = 2, MinEvaluationPeriod = 1, MaxEvaluationPeriod = 2, Confirmable = true };

        foreach (var kind in Enum.GetValues<ObservedValueKind>())
        {
            Assert.Null(attributes.ValidateFor(kind));
            Assert.Null(ConditionalAttributes.None.ValidateFor(kind));
        }
    }

    // ---- ToQuery round trip ----

    private static readonly ConditionalAttributes[] RoundTripCases =
    [
        ConditionalAttributes.None,
        new ConditionalAttributes { MinPeriod = 10 },
        new ConditionalAttributes { MinPeriod = 0.5, MaxPeriod = 0.5 },
        new ConditionalAttributes { MaxPeriod = 20, GreaterThan = 25 },
        new ConditionalAttributes { MinEvaluationPeriod = 0.1, MaxEvaluationPeriod = 0.30000000000000004 },
        new ConditionalAttributes { GreaterThan = 10, LessThan = 20.25, Step = 0.5, Band = true, Confirmable = true },
        new ConditionalAttributes { LessThan = -1e-7, Band = true },
        new ConditionalAttributes { Edge = false, Confirmable = false },
        new ConditionalAttributes { Edge = true, MinPeriod = 1e10 },
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToQuery_ThenTryParse_GivesTheSameAttributes(bool legacy)
    {
        foreach (var attributes in RoundTripCases)
        {
            var query = attributes.ToQuery(legacy);

            Assert.All(query, item => Assert.True(ConditionalAttributes.IsConditionalParameter(item)));
            Assert.All(query, item => Assert.Equal(!legacy, item.StartsWith("c.", StringComparison.Ordinal)));
            Assert.True(ConditionalAttributes.TryParse(query, null, out var parsed, out var error), error);
            Assert.Equal(attributes, parsed);
        }
    }
}
