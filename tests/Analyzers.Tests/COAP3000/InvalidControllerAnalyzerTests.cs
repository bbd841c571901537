using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.InvalidControllerAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class InvalidControllerAnalyzerTests
{
    [Fact]
    public Task MethodAttribute_OutsideAController_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        public sealed class SensorsController : CoapController
        {
            [[|Get("temp")|]]
            public double Temperature() => 1;
        }

        public sealed class Plain
        {
            [[|Delete|], Title("x")]
            public void Remove() { }
        }
        """);

    [Fact]
    public Task ControllerNotDerivingFromCoapController_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class [|SensorsController|]
        {
            [Get("temp")]
            public double Temperature() => 1;
        }
        """);

    [Fact]
    public async Task Messages_SayHowToFix()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController]
            public sealed class A { }

            public sealed class B
            {
                [Put("x")] public void Set() { }
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "'A' is not a valid CoAP controller: it is marked [CoapController] but does not derive from Coap.CoapController; derive from CoapController so the router can give it the request",
                "'B' is not a valid CoAP controller: method 'Set' has [Put] but the type is not marked [CoapController], so it is never routed; mark the class [CoapController] or remove the attribute",
            ],
            messages);
    }

    [Fact]
    public Task ValidControllers_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        public abstract class BaseController : CoapController { }

        [CoapController("a")]
        public sealed class AController : CoapController
        {
            [Get] public string Index() => "";
        }

        [CoapController("b")]
        public sealed class BController : BaseController
        {
            [Get] public string Index() => "";
        }

        public sealed class Plain
        {
            public void NoAttributes() { }
        }
        """);
}
