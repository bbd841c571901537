using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.AsyncVoidActionAnalyzer>;

namespace Coap.Analyzers.Tests.COAP2000;

public class AsyncVoidActionAnalyzerTests
{
    [Fact]
    public Task AsyncVoidAction_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("jobs")]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async void [|Start|]() => await Task.Delay(1);
        }
        """);

    [Fact]
    public async Task Message_SaysToReturnTask()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Coap;

            [CoapController]
            public sealed class JobsController : CoapController
            {
                [Delete("all")]
                public async void Clear() => await Task.Yield();
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("COAP2002", diagnostic.Id);
        Assert.Contains("return 'Task' instead", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public Task AsyncTaskAndSyncVoid_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("a")]
            public async Task A() => await Task.Delay(1);

            [Post("b")]
            public async ValueTask B() => await Task.Delay(1);

            [Post("c")]
            public void C() { }

            // Not an action.
            public async void Helper() => await Task.Delay(1);
        }

        public sealed class EventHandlers
        {
            public async void OnClick() => await Task.Delay(1);
        }
        """);
}
