using Xunit.Sdk;
using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.AsyncVoidActionAnalyzer>;

namespace Coap.Analyzers.Tests.Verifiers;

/// <summary>The verifier fails when it should, so a green analyzer test means something.</summary>
public class VerifierTests
{
    private const string AsyncVoidAction = /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async void Start() => await Task.Delay(1);
        }
        """;

    [Fact]
    public Task UnmarkedDiagnostic_FailsTheTest() =>
        Assert.ThrowsAnyAsync<XunitException>(() => Verify.VerifyAnalyzerAsync(AsyncVoidAction));

    [Fact]
    public Task MarkedSpanWithoutDiagnostic_FailsTheTest() =>
        Assert.ThrowsAnyAsync<XunitException>(() => Verify.VerifyAnalyzerAsync(AsyncVoidAction.Replace("JobsController :", "[|JobsController|] :", StringComparison.Ordinal).Replace("async void Start", "async Task Start", StringComparison.Ordinal)));

    [Fact]
    public Task WrongId_FailsTheTest() =>
        Assert.ThrowsAnyAsync<XunitException>(() => Verify.VerifyAnalyzerAsync(AsyncVoidAction.Replace("void Start", "void {|COAP2001:Start|}", StringComparison.Ordinal)));

    [Fact]
    public Task SourceThatDoesNotCompile_FailsTheTest() =>
        Assert.ThrowsAnyAsync<XunitException>(() => Verify.VerifyAnalyzerAsync("public class C { int M() => \"x\"; }"));

    [Fact]
    public void Markup_RecordsNestedSpansAndIds()
    {
        var markup = Markup.Parse("a[|b{|X1:c|}d|]e");

        Assert.Equal("abcde", markup.Source);
        Assert.Equal([("X1", 2, 3), (null, 1, 4)], markup.Spans.Select(s => (s.Id, s.Span.Start, s.Span.End)));
    }
}
