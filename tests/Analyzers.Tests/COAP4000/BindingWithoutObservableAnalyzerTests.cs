using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.BindingWithoutObservableAnalyzer>;

namespace Coap.Analyzers.Tests.COAP4000;

public class BindingWithoutObservableAnalyzerTests
{
    [Fact]
    public Task Binding_OnGetOrFetchWithoutObservable_IsReportedOnTheAttribute() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp"), [|Binding(MinPeriod = 5)|]]
            public double Temperature() => 21.5;

            [[|Binding|]]
            [Fetch("query")]
            public double Query() => 1;

            [Get("state"), Put("state"), [|Binding|]]
            public double State() => 1;
        }
        """);

    [Fact]
    public Task ObservableOrNotGetOrFetch_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            [Get("level"), Observable, Binding(MinPeriod = 5)]
            public double Level() => 1;

            [Put("level"), Binding(Roles = BindingRoles.Destination)]
            public void SetLevel() { }

            [Binding]
            public double NotAnAction() => 1;
        }

        public sealed class Plain
        {
            [Get("x"), Binding]
            public double NotAController() => 1;
        }
        """);

    [Fact]
    public async Task Message_NamesTheAction()
    {
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("sensors")]
            public sealed class SensorsController : CoapController
            {
                [Get("temp"), Binding]
                public double Temperature() => 21.5;
            }
            """));

        Assert.Equal(
            "Action 'SensorsController.Temperature' has [Binding] but is not [Observable]; add [Observable] so observe bindings and push work",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
