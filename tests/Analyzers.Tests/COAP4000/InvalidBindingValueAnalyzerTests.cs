using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.InvalidBindingValueAnalyzer>;

namespace Coap.Analyzers.Tests.COAP4000;

public class InvalidBindingValueAnalyzerTests
{
    [Fact]
    public Task ValuesThatCannotHold_AreReportedOnTheirArgument() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("a"), Observable, Binding([|MinPeriod = -1|])]
            public double A() => 1;

            [Get("b"), Observable, Binding([|MaxPeriod = 0|], [|Step = -0.5|])]
            public double B() => 1;

            [Get("c"), Observable, Binding(MinPeriod = 10, [|MaxPeriod = 5|])]
            public double C() => 1;

            [Get("d"), Observable, Binding([|Step = 0|], [|Band = true|])]
            public double D() => 1;

            [Get("e"), Observable, Binding([|MaxPeriod = double.PositiveInfinity|], [|GreaterThan = double.NegativeInfinity|], [|LessThan = 1 / 0.0|])]
            public double E() => 1;

            [Get("f"), Observable, Binding([|MinPeriod = double.NegativeInfinity|], MaxPeriod = 5)]
            public double F() => 1;
        }
        """);

    [Fact]
    public Task ValuesThatHold_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("a"), Observable, Binding]
            public double A() => 1;

            [Get("b"), Observable, Binding(MinPeriod = 0, MaxPeriod = 60, Step = 0.5)]
            public double B() => 1;

            [Get("c"), Observable, Binding(MinPeriod = 5, MaxPeriod = 5)]
            public double C() => 1;

            [Get("d"), Observable, Binding(Band = true, GreaterThan = -10)]
            public double D() => 1;

            [Get("e"), Observable, Binding(Band = true, LessThan = 30, GreaterThan = 20, Confirmable = true)]
            public double E() => 1;

            [Get("f"), Observable, Binding(MinPeriod = double.NaN, MaxPeriod = double.NaN, Step = double.NaN, Band = false)]
            public double F() => 1;

            [Get("g"), Observable, Binding(GreaterThan = -1e300, LessThan = double.MaxValue, Roles = BindingRoles.Source, Methods = BindingMethods.Observe)]
            public double G() => 1;
        }
        """);

    [Fact]
    public async Task Messages_SayWhatIsWrong()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("sensors")]
            public sealed class SensorsController : CoapController
            {
                [Get("t"), Observable, Binding(MinPeriod = -1, Step = 0, Band = true)]
                public double T() => 1;

                [Get("h"), Observable, Binding(MinPeriod = 10, MaxPeriod = 2.5)]
                public double H() => 1;

                [Get("z"), Observable, Binding(MaxPeriod = 0, LessThan = double.PositiveInfinity)]
                public double Z() => 1;
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "[Binding] on 'SensorsController.T': MinPeriod is -1 seconds; the minimum time between notifications cannot be negative",
                "[Binding] on 'SensorsController.T': Step is 0; the change that triggers a notification must be more than zero",
                "[Binding] on 'SensorsController.T': Band = true needs GreaterThan, LessThan or both to bound the band; set a threshold or remove Band",
                "[Binding] on 'SensorsController.H': MaxPeriod (2.5 s) is less than MinPeriod (10 s); no notification can come at least MinPeriod and at most MaxPeriod after the last one",
                "[Binding] on 'SensorsController.Z': MaxPeriod is 0 seconds; the maximum time without a notification must be more than zero",
                "[Binding] on 'SensorsController.Z': LessThan is Infinity; it must be a finite number, or left unset",
            ],
            messages);
    }
}
