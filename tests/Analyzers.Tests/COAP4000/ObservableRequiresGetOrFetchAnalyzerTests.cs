using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.ObservableRequiresGetOrFetchAnalyzer>;

namespace Coap.Analyzers.Tests.COAP4000;

public class ObservableRequiresGetOrFetchAnalyzerTests
{
    [Fact]
    public Task Observable_OnOtherMethods_IsReportedOnTheAttribute() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("lights")]
        public sealed class LightsController : CoapController
        {
            [Put("on"), [|Observable|]]
            public void TurnOn() { }

            [[|Observable|]]
            [Post("toggle")]
            public void Toggle() { }

            [Delete("{id}"), [|Coap.Observable()|]]
            public void Remove(string id) { }

            [[|Observable|], Patch("state"), IPatch("state")]
            public void Change() { }
        }
        """);

    [Fact]
    public Task Observable_OnGetOrFetch_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp"), Observable]
            public double Temperature() => 21.5;

            [Fetch("query"), Observable]
            public double Query() => 1;

            [Get("state"), Put("state"), Observable]
            public double State() => 1;

            [Put("plain")]
            public void Plain() { }
        }
        """);

    [Fact]
    public Task Observable_WithoutAMethodAttribute_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Observable]
            public double Helper() => 1;
        }

        public sealed class Plain
        {
            [Observable]
            public void NotAnAction() { }
        }
        """);

    [Fact]
    public async Task Message_NamesTheActionAndItsMethods()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("lights")]
            public sealed class LightsController : CoapController
            {
                [Put("on"), Observable] public void TurnOn() { }
                [Patch("a"), Post("a"), IPatch("a"), Observable] public void Change() { }
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "Action 'LightsController.TurnOn' is [Observable] but answers PUT; Observe is defined for GET and FETCH only, so map it with [Get] or [Fetch] or remove [Observable]",
                "Action 'LightsController.Change' is [Observable] but answers PATCH, POST and IPATCH; Observe is defined for GET and FETCH only, so map it with [Get] or [Fetch] or remove [Observable]",
            ],
            messages);
    }

    [Fact]
    public async Task AdditionalLocation_IsTheMethodAttribute()
    {
        const string source = /* lang=c#-test */ """
            using Coap;

            [CoapController]
            public sealed class LightsController : CoapController
            {
                [Observable, Put("on")] public void TurnOn() { }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));

        var additional = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("Put(\"on\")", source.Substring(additional.SourceSpan.Start, additional.SourceSpan.Length));
    }
}
