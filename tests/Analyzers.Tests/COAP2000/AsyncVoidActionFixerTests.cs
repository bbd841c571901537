using Verify = Coap.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Coap.Analyzers.AsyncVoidActionAnalyzer,
    Coap.Analyzers.AsyncVoidActionFixer>;

namespace Coap.Analyzers.Tests.COAP2000;

public class AsyncVoidActionFixerTests
{
    [Fact]
    public Task AsyncVoid_BecomesAsyncTask() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("jobs")]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async void [|Start|]()
            {
                await Task.Delay(1);
            }
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("jobs")]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async Task Start()
            {
                await Task.Delay(1);
            }
        }
        """, AsyncVoidActionFixer.Key_ReturnTask);

    [Fact]
    public Task MissingUsing_IsAdded() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async void [|Start|]() => await System.Threading.Tasks.Task.Yield();
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("start")]
            public async Task Start() => await System.Threading.Tasks.Task.Yield();
        }
        """);
}
