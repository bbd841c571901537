using System.Text;
using Coap.Observe;

namespace Coap.Tests.Observe;

public sealed class ConditionEvaluatorTests
{
    private const NotificationDecision Send = NotificationDecision.Send;
    private const NotificationDecision Defer = NotificationDecision.Defer;
    private const NotificationDecision Suppress = NotificationDecision.Suppress;

    private static TimeSpan T(double seconds) => TimeSpan.FromSeconds(seconds);

    private static ObservedValue N(double value) => ObservedValue.FromNumber(value);

    private static ObservedValue B(bool value) => ObservedValue.FromBoolean(value);

    private static ObservedValue Text(string text) => ObservedValue.FromText(Encoding.UTF8.GetBytes(text));

    /// <summary>An evaluator whose registration response reported <paramref name="initial"/> at <paramref name="at"/>.</summary>
    private static ConditionEvaluator Registered(ConditionalAttributes attributes, ObservedValue initial, double at)
    {
        var evaluator = new ConditionEvaluator(attributes);
        evaluator.Reported(initial, T(at));
        return evaluator;
    }

    /// <summary>Evaluates and, like the caller, records a sent notification.</summary>
    private static NotificationDecision Sample(ConditionEvaluator evaluator, ObservedValue value, double at)
    {
        var decision = evaluator.Evaluate(value, T(at));
        if (decision == Send)
        {
            evaluator.Reported(value, T(at));
        }

        return decision;
    }

    // ---- Worked examples of dynlink-13 Appendix A ----

    [Fact]
    public void A1_MinPeriod_DefersUntilPminThenSendsTheLatestValueOnce()
    {
        var evaluator = Registered(new ConditionalAttributes { MinPeriod = 10 }, N(18.5), at: 9);

        Assert.Equal(Defer, Sample(evaluator, N(23), at: 15));
        Assert.Equal(T(19), evaluator.NextDue);

        // The state became 26 before the deferral fell due: only 26 is sent.
        Assert.Equal(Send, Sample(evaluator, N(26), at: 19));
        Assert.Equal(Suppress, Sample(evaluator, N(26), at: 20));
        Assert.Null(evaluator.NextDue);
    }

    [Fact]
    public void A1_MinPeriod_DeferredSampleRevertedToLastReported_IsSuppressed()
    {
        var evaluator = Registered(new ConditionalAttributes { MinPeriod = 10 }, N(18.5), at: 9);

        Assert.Equal(Defer, Sample(evaluator, N(23), at: 15));
        Assert.Equal(Suppress, Sample(evaluator, N(18.5), at: 19));
        Assert.Null(evaluator.NextDue);
    }

    [Fact]
    public void A2_MaxPeriod_ForcesUnchangedValue()
    {
        var evaluator = Registered(new ConditionalAttributes { MaxPeriod = 20 }, N(18.5), at: 9);
        Assert.Equal(T(29), evaluator.NextDue);

        Assert.Equal(Send, Sample(evaluator, N(23), at: 16));
        Assert.Equal(T(36), evaluator.NextDue);

        Assert.Equal(Suppress, Sample(evaluator, N(23), at: 30));
        Assert.Equal(Suppress, Sample(evaluator, N(23), at: 35.9));
        Assert.Equal(Send, Sample(evaluator, N(23), at: 36));
        Assert.Equal(T(56), evaluator.NextDue);
    }

    [Fact]
    public void A3_GreaterThan_NotifiesCrossingsOnly()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 25 }, N(18.5), at: 9);

        Assert.Equal(Suppress, Sample(evaluator, N(23), at: 12));
        Assert.Equal(Suppress, Sample(evaluator, N(25), at: 13));
        Assert.Equal(Send, Sample(evaluator, N(26), at: 16));
        Assert.Equal(Suppress, Sample(evaluator, N(27), at: 18));
        Assert.Equal(Suppress, Sample(evaluator, N(30), at: 19));
        Assert.Equal(Send, Sample(evaluator, N(24), at: 20));
        Assert.Null(evaluator.NextDue);
    }

    [Fact]
    public void A4_MaxPeriodAndGreaterThan()
    {
        var evaluator = Registered(ConditionalAttributesFrom("pmax=20;gt=25"), N(18.5), at: 9);

        Assert.Equal(Suppress, Sample(evaluator, N(23), at: 20));
        Assert.Equal(T(29), evaluator.NextDue);
        Assert.Equal(Send, Sample(evaluator, N(23), at: 29));
        Assert.Equal(T(49), evaluator.NextDue);
        Assert.Equal(Send, Sample(evaluator, N(26), at: 37));
        Assert.Equal(T(57), evaluator.NextDue);
    }

    private static ConditionalAttributes ConditionalAttributesFrom(params string[] query)
    {
        Assert.True(ConditionalAttributes.TryParse(query, null, out var attributes, out var error), error);
        return attributes;
    }

    // ---- Numeric conditions ----

    [Fact]
    public void LessThan_NotifiesCrossingsInBothDirections()
    {
        var evaluator = Registered(new ConditionalAttributes { LessThan = 10 }, N(12), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(10), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(9.5), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, N(3), at: 3));
        Assert.Equal(Send, Sample(evaluator, N(10), at: 4));
    }

    [Fact]
    public void Step_ComparesWithLastReportedValue()
    {
        var evaluator = Registered(new ConditionalAttributes { Step = 0.5 }, N(20.0), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(20.3), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(20.6), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, N(20.2), at: 3));
        Assert.Equal(Send, Sample(evaluator, N(20.0), at: 4));
        Assert.Equal(Send, Sample(evaluator, N(20.5), at: 5));
    }

    [Fact]
    public void GreaterThanOrStep_AnyConditionSendsOnce()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 25, LessThan = 10, Step = 1 }, N(20), at: 0);

        // Crosses gt and moves more than st at once (CA-19): one Send, then nothing more to send.
        Assert.Equal(Send, evaluator.Evaluate(N(30), T(1)));
        evaluator.Reported(N(30), T(1));
        Assert.Equal(Suppress, evaluator.Evaluate(N(30), T(2)));

        // Step alone still notifies.
        Assert.Equal(Send, Sample(evaluator, N(31), at: 3));

        // Crosses lt downwards.
        Assert.Equal(Send, Sample(evaluator, N(5), at: 4));
    }

    [Fact]
    public void Band_InBand_IncludesEdges()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 10, LessThan = 20, Band = true }, N(5), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(9.9), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(10), at: 2));
        Assert.Equal(Send, Sample(evaluator, N(15), at: 3));
        Assert.Equal(Suppress, Sample(evaluator, N(15), at: 4));
        Assert.Equal(Send, Sample(evaluator, N(20), at: 5));
        Assert.Equal(Suppress, Sample(evaluator, N(20.1), at: 6));
        Assert.Equal(Suppress, Sample(evaluator, N(30), at: 7));
    }

    [Fact]
    public void Band_OutOfBand_ExcludesEdges()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 20, LessThan = 10, Band = true }, N(15), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(20), at: 1));
        Assert.Equal(Suppress, Sample(evaluator, N(10), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, N(12), at: 3));
        Assert.Equal(Send, Sample(evaluator, N(20.5), at: 4));
        Assert.Equal(Send, Sample(evaluator, N(25), at: 5));
        Assert.Equal(Send, Sample(evaluator, N(9), at: 6));
        Assert.Equal(Suppress, Sample(evaluator, N(9), at: 7));
    }

    [Fact]
    public void Band_OnlyLessThan_NotifiesAtOrAbove()
    {
        var evaluator = Registered(new ConditionalAttributes { LessThan = 10, Band = true }, N(0), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(9.9), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(10), at: 2));
        Assert.Equal(Send, Sample(evaluator, N(100), at: 3));
    }

    [Fact]
    public void Band_OnlyGreaterThan_NotifiesAtOrBelow()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 10, Band = true }, N(50), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(10.1), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(10), at: 2));
        Assert.Equal(Send, Sample(evaluator, N(-3), at: 3));
    }

    [Fact]
    public void Band_WithStep_NeedsTheStepInsideTheBand()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 10, LessThan = 20, Band = true, Step = 2 }, N(12), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(13), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(14), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, N(25), at: 3));
    }

    [Fact]
    public void NumericAttributes_NonNumericSample_FallsBackToChange()
    {
        var evaluator = Registered(new ConditionalAttributes { GreaterThan = 25 }, N(18.5), at: 0);

        Assert.Equal(Send, Sample(evaluator, Text("unknown"), at: 1));
        Assert.Equal(Suppress, Sample(evaluator, Text("unknown"), at: 2));
        Assert.Equal(Send, Sample(evaluator, N(18.5), at: 3));
    }

    // ---- Edge ----

    [Fact]
    public void EdgeTrue_NotifiesRisingEdgeOnly()
    {
        var evaluator = Registered(new ConditionalAttributes { Edge = true }, B(false), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, B(false), at: 1));
        Assert.Equal(Send, Sample(evaluator, B(true), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, B(true), at: 3));
        Assert.Equal(Suppress, Sample(evaluator, B(false), at: 4));
    }

    [Fact]
    public void EdgeFalse_NotifiesFallingEdgeOnly()
    {
        var evaluator = Registered(new ConditionalAttributes { Edge = false }, B(false), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, B(true), at: 1));
        Assert.Equal(Suppress, Sample(evaluator, B(true), at: 2));

        evaluator.Reported(B(true), T(3));
        Assert.Equal(Send, Sample(evaluator, B(false), at: 4));
    }

    [Fact]
    public void Boolean_WithoutEdge_NotifiesEveryChange()
    {
        var evaluator = Registered(ConditionalAttributes.None, B(false), at: 0);

        Assert.Equal(Send, Sample(evaluator, B(true), at: 1));
        Assert.Equal(Suppress, Sample(evaluator, B(true), at: 2));
        Assert.Equal(Send, Sample(evaluator, B(false), at: 3));
    }

    // ---- No attributes ----

    [Fact]
    public void NoAttributes_NotifiesChangesOnly()
    {
        var evaluator = Registered(ConditionalAttributes.None, Text("a"), at: 0);

        Assert.True(evaluator.IsTrivial);
        Assert.Null(evaluator.NextDue);
        Assert.Null(evaluator.SampleDue);
        Assert.Equal(Suppress, Sample(evaluator, Text("a"), at: 1));
        Assert.Equal(Send, Sample(evaluator, Text("b"), at: 1));
        Assert.Equal(Send, Sample(evaluator, N(1), at: 2));
        Assert.Equal(Suppress, Sample(evaluator, N(1), at: 3));
    }

    [Fact]
    public void NoValue_AlwaysCountsAsChanged()
    {
        var evaluator = Registered(ConditionalAttributes.None, ObservedValue.None, at: 0);

        Assert.Equal(Send, Sample(evaluator, ObservedValue.None, at: 1));
        Assert.Equal(Send, Sample(evaluator, ObservedValue.None, at: 2));
    }

    [Fact]
    public void BeforeFirstReport_EverySampleIsSent()
    {
        var evaluator = new ConditionEvaluator(new ConditionalAttributes { GreaterThan = 25, MinPeriod = 10 });

        Assert.Null(evaluator.NextDue);
        Assert.Equal(Send, evaluator.Evaluate(N(1), T(0)));
    }

    // ---- Evaluation periods ----

    [Fact]
    public void MinEvaluationPeriod_DefersEarlySamples()
    {
        var evaluator = Registered(new ConditionalAttributes { MinEvaluationPeriod = 2 }, N(1), at: 10);

        Assert.Equal(Defer, Sample(evaluator, N(2), at: 11));
        Assert.Equal(T(12), evaluator.NextDue);
        Assert.Equal(Defer, Sample(evaluator, N(3), at: 11.5));
        Assert.Equal(T(12), evaluator.NextDue);

        Assert.Equal(Send, Sample(evaluator, N(3), at: 12));
        Assert.Null(evaluator.NextDue);

        // An evaluation that suppresses still counts for epmin.
        Assert.Equal(Suppress, Sample(evaluator, N(3), at: 15));
        Assert.Equal(Defer, Sample(evaluator, N(4), at: 16));
        Assert.Equal(T(17), evaluator.NextDue);
    }

    [Fact]
    public void MaxEvaluationPeriod_AsksForSamples()
    {
        var evaluator = Registered(new ConditionalAttributes { MaxEvaluationPeriod = 5, GreaterThan = 25 }, N(20), at: 0);

        Assert.Equal(T(5), evaluator.SampleDue);
        Assert.Equal(T(5), evaluator.NextDue);

        Assert.Equal(Suppress, Sample(evaluator, N(21), at: 5));
        Assert.Equal(T(10), evaluator.SampleDue);
        Assert.Equal(T(10), evaluator.NextDue);

        Assert.Equal(Send, Sample(evaluator, N(26), at: 7));
        Assert.Equal(T(12), evaluator.SampleDue);
    }

    [Fact]
    public void NextDue_IsTheEarliestDeadline()
    {
        var evaluator = Registered(new ConditionalAttributes { MinPeriod = 4, MaxPeriod = 30, MaxEvaluationPeriod = 10 }, N(1), at: 0);
        Assert.Equal(T(10), evaluator.NextDue);

        Assert.Equal(Defer, Sample(evaluator, N(2), at: 1));
        Assert.Equal(T(4), evaluator.NextDue);
        Assert.Equal(T(11), evaluator.SampleDue);

        Assert.Equal(Send, Sample(evaluator, N(2), at: 4));
        Assert.Equal(T(14), evaluator.NextDue);
    }

    [Fact]
    public void MaxPeriod_WinsOverMinEvaluationPeriod()
    {
        var evaluator = Registered(new ConditionalAttributes { MaxPeriod = 10, MinEvaluationPeriod = 3 }, N(1), at: 0);

        Assert.Equal(Suppress, Sample(evaluator, N(1), at: 9));
        Assert.Equal(Send, Sample(evaluator, N(1), at: 10));
    }

    // ---- Flags ----

    [Fact]
    public void Confirmable_FollowsCon()
    {
        Assert.True(new ConditionEvaluator(new ConditionalAttributes { Confirmable = true }).Confirmable);
        Assert.False(new ConditionEvaluator(new ConditionalAttributes { Confirmable = false }).Confirmable);
        Assert.False(new ConditionEvaluator(ConditionalAttributes.None).Confirmable);
    }

    [Fact]
    public void IsTrivial_OnlyWithoutFilteringOrPacing()
    {
        Assert.True(new ConditionEvaluator(ConditionalAttributes.None).IsTrivial);
        Assert.True(new ConditionEvaluator(new ConditionalAttributes { Confirmable = true }).IsTrivial);
        Assert.False(new ConditionEvaluator(new ConditionalAttributes { MinPeriod = 1 }).IsTrivial);
        Assert.False(new ConditionEvaluator(new ConditionalAttributes { MaxEvaluationPeriod = 1 }).IsTrivial);
        Assert.False(new ConditionEvaluator(new ConditionalAttributes { Step = 1 }).IsTrivial);
        Assert.False(new ConditionEvaluator(new ConditionalAttributes { Edge = false }).IsTrivial);
    }

    [Fact]
    public void HugePeriods_DoNotOverflow()
    {
        var evaluator = Registered(new ConditionalAttributes { MinPeriod = 1e300, MaxPeriod = 1e300 }, N(1), at: 0);

        Assert.Equal(Defer, Sample(evaluator, N(2), at: 1));
        Assert.NotNull(evaluator.NextDue);
    }
}
