using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.DuplicateRouteAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class DuplicateRouteAnalyzerTests
{
    [Fact]
    public Task SameMethodAndTemplate_InOneController_ReportsBoth() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [[|Get("temp")|]]
            public double A() => 1;

            [[|Get("/temp/")|]]
            public double B() => 2;
        }
        """);

    [Fact]
    public Task SameRoute_AcrossControllersAndFiles_ReportsBoth() => Verify.VerifyAnalyzerAsync(
        /* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [[|Get("{id:int}")|]]
            public int Read(int id) => id;
        }
        """,
        /* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class LegacyController : CoapController
        {
            [[|Get("sensors/{number:int}")|]]
            public int Old(int number) => number;
        }
        """);

    [Fact]
    public Task ThreeActions_OnOneRoute_AreAllReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class A : CoapController
        {
            [[|Put("x")|]] public void One() { }
            [[|Put("x")|]] public void Two() { }
            [[|Put("x")|]] public void Three() { }
        }
        """);

    [Fact]
    public async Task Message_NamesTheRouteAndTheOtherAction()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("devices")]
            public sealed class DevicesController : CoapController
            {
                [Get("{id}")] public string A(string id) => id;
                [Get("{name}")] public string B(string name) => name;
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "Route 'GET /devices/{id}' of 'DevicesController.A' is also mapped by 'DevicesController.B'; change a template or a method so each request matches one action",
                "Route 'GET /devices/{name}' of 'DevicesController.B' is also mapped by 'DevicesController.A'; change a template or a method so each request matches one action",
            ],
            messages);
    }

    [Fact]
    public Task ConstraintOrder_DoesNotMatter() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class A : CoapController
        {
            [[|Get("a/{id:int:min(1)}")|]] public int One(int id) => id;
            [[|Get("a/{x:min(1):int}")|]] public int Two(int x) => x;
        }
        """);

    [Fact]
    public Task DifferentMethodsConstraintsOrLiterals_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")] public double GetTemp() => 1;
            [Put("temp")] public void PutTemp() { }
            [Get("Temp")] public double GetTempUpper() => 1;
            [Get("{id:int}")] public int ById(int id) => id;
            [Get("{name}")] public string ByName(string name) => name;
            [Get("{*rest}")] public string Rest(string rest) => rest;
            [Get("temp/{id}")] public string Nested(string id) => id;
        }

        [CoapController("other")]
        public sealed class OtherController : CoapController
        {
            [Get("temp")] public double GetTemp() => 1;
        }
        """);

    [Fact]
    public Task MethodsOutsideControllers_AreIgnored() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        public sealed class NotAController
        {
            [Get("x")] public void A() { }
            [Get("x")] public void B() { }
        }
        """);
}
