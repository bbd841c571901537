using Verify = Coap.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Coap.Analyzers.ObservableRequiresGetOrFetchAnalyzer,
    Coap.Analyzers.ObservableRequiresGetOrFetchFixer>;

namespace Coap.Analyzers.Tests.COAP4000;

public class ObservableRequiresGetOrFetchFixerTests
{
    [Fact]
    public Task UseGet_KeepsTheTemplate() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Put("temp/{id:int}"), [|Observable|]]
            public double Temperature(int id) => id;

            [Post(template: "humidity")]
            [[|Observable|]]
            public double Humidity() => 50;
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp/{id:int}"), Observable]
            public double Temperature(int id) => id;

            [Get(template: "humidity")]
            [Observable]
            public double Humidity() => 50;
        }
        """, ObservableRequiresGetOrFetchFixer.Key_UseGet);

    [Fact]
    public Task UseGet_KeepsQualificationAndTheAttributeSuffix() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        [Coap.CoapController]
        public sealed class SensorsController : Coap.CoapController
        {
            [Coap.Delete, [|Coap.Observable|]]
            public double A() => 1;

            [Coap.PutAttribute("b"), [|Coap.Observable|]]
            public double B() => 2;
        }
        """, /* lang=c#-test */ """
        [Coap.CoapController]
        public sealed class SensorsController : Coap.CoapController
        {
            [Coap.Get, Coap.Observable]
            public double A() => 1;

            [Coap.GetAttribute("b"), Coap.Observable]
            public double B() => 2;
        }
        """, ObservableRequiresGetOrFetchFixer.Key_UseGet);

    [Fact]
    public Task UseGet_QualifiesGet_WhenAnotherGetIsInScope() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        namespace App
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class GetAttribute : System.Attribute { }

            [CoapController]
            public sealed class SensorsController : CoapController
            {
                [Put("temp"), [|Observable|]]
                public double Temperature() => 1;
            }
        }
        """, /* lang=c#-test */ """
        using Coap;

        namespace App
        {
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class GetAttribute : System.Attribute { }

            [CoapController]
            public sealed class SensorsController : CoapController
            {
                [global::Coap.Get("temp"), Observable]
                public double Temperature() => 1;
            }
        }
        """, ObservableRequiresGetOrFetchFixer.Key_UseGet);

    [Fact]
    public Task RemoveObservable_FromAList() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            [Put("on"), [|Observable|]]
            public void TurnOn() { }

            [[|Observable|], Put("off")]
            public void TurnOff() { }
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            [Put("on")]
            public void TurnOn() { }

            [Put("off")]
            public void TurnOff() { }
        }
        """, ObservableRequiresGetOrFetchFixer.Key_RemoveObservable);

    [Fact]
    public Task RemoveObservable_OnItsOwnLine_KeepsCommentsAndIndentation() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            /// <summary>Turns the light on.</summary>
            [[|Observable|]]
            [Put("on")]
            public void TurnOn() { }

            [Put("off")]
            // Not observable after all.
            [[|Observable|]]
            public void TurnOff() { }

            [[|Observable|]] [Put("dim")] public void Dim() { }
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            /// <summary>Turns the light on.</summary>
            [Put("on")]
            public void TurnOn() { }

            [Put("off")]
            // Not observable after all.
            public void TurnOff() { }

            [Put("dim")] public void Dim() { }
        }
        """, ObservableRequiresGetOrFetchFixer.Key_RemoveObservable);

    [Fact]
    public Task FixAll_UsesGetEverywhere() => Verify.VerifyFixAllAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Put("a"), [|Observable|]] public double A() => 1;
            [Post("b"), [|Observable|]] public double B() => 2;
        }
        """, /* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("a"), Observable] public double A() => 1;
            [Get("b"), Observable] public double B() => 2;
        }
        """, ObservableRequiresGetOrFetchFixer.Key_UseGet);
}
