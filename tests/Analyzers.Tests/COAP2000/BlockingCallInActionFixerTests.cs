using Verify = Coap.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Coap.Analyzers.BlockingCallInActionAnalyzer,
    Coap.Analyzers.BlockingCallInActionFixer>;

namespace Coap.Analyzers.Tests.COAP2000;

public class BlockingCallInActionFixerTests
{
    [Fact]
    public Task Result_BecomesAwait_AndActionReturnsTaskOfT() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public double Temperature() => [|ReadAsync().Result|];

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public async Task<double> Temperature() => await ReadAsync();

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """);

    [Fact]
    public Task GetAwaiterGetResult_BecomesAwait_InBlockBody() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public CoapResult Temperature()
            {
                var value = [|ReadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];
                return Content(value);
            }

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public async Task<CoapResult> Temperature()
            {
                var value = await ReadAsync().ConfigureAwait(false);
                return Content(value);
            }

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """);

    [Fact]
    public Task ThreadSleep_BecomesTaskDelay_AndVoidBecomesTask() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Put("slow")]
            public void Slow()
            {
                [|Thread.Sleep(250)|];
            }
        }
        """, /* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Put("slow")]
            public async Task Slow()
            {
                await Task.Delay(250);
            }
        }
        """);

    [Fact]
    public Task Wait_BecomesAwait() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("run")]
            public CoapResult Run()
            {
                [|Task.Delay(1).Wait()|];
                return Changed();
            }
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("run")]
            public async Task<CoapResult> Run()
            {
                await Task.Delay(1);
                return Changed();
            }
        }
        """);

    [Fact]
    public Task MemberOfResult_IsParenthesised() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class NamesController : CoapController
        {
            [Get("name")]
            public string Name() => [|LoadAsync().Result|].Trim();

            private static Task<string> LoadAsync() => Task.FromResult(" x ");
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class NamesController : CoapController
        {
            [Get("name")]
            public async Task<string> Name() => (await LoadAsync()).Trim();

            private static Task<string> LoadAsync() => Task.FromResult(" x ");
        }
        """);

    [Fact]
    public Task MissingUsing_IsAddedAfterTheSystemDirectives() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using Coap;
        using System.Threading;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Put("slow")]
            static void Slow()
            {
                [|Thread.Sleep(1)|];
            }
        }
        """, /* lang=c#-test */ """
        using Coap;
        using System.Threading;
        using System.Threading.Tasks;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Put("slow")]
            static async Task Slow()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task MethodWithoutModifiers_GetsAsyncBeforeTheReturnType() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            int N() => [|Task.FromResult(1).Result|];
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            async Task<int> N() => await Task.FromResult(1);
        }
        """);

    [Fact]
    public Task SeveralCalls_OneByOne_MakeTheActionAsyncOnce() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("sum")]
            public int Sum()
            {
                [|Thread.Sleep(1)|];
                return [|A().Result|] + [|B().GetAwaiter().GetResult()|];
            }

            private static Task<int> A() => Task.FromResult(1);

            private static Task<int> B() => Task.FromResult(2);
        }
        """, /* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("sum")]
            public async Task<int> Sum()
            {
                await Task.Delay(1);
                return await A() + await B();
            }

            private static Task<int> A() => Task.FromResult(1);

            private static Task<int> B() => Task.FromResult(2);
        }
        """);

    [Fact]
    public Task FixAll_RewritesEveryCallInTheDocument() => Verify.VerifyFixAllAsync(/* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("sum")]
            public int Sum() => [|A().Result|] + [|A().Result|];

            [Put("wait")]
            public void Wait()
            {
                [|Thread.Sleep(1)|];
            }

            private static Task<int> A() => Task.FromResult(1);
        }
        """, /* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("sum")]
            public async Task<int> Sum() => await A() + await A();

            [Put("wait")]
            public async Task Wait()
            {
                await Task.Delay(1);
            }

            private static Task<int> A() => Task.FromResult(1);
        }
        """, BlockingCallInActionFixer.Key_AwaitInsteadOfBlocking);

    [Fact]
    public Task AsyncAction_OnlyTheCallIsRewritten() => Verify.VerifyCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            public async ValueTask<int> N()
            {
                await Task.Yield();
                return [|Task.FromResult(1).Result|];
            }
        }
        """, /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            public async ValueTask<int> N()
            {
                await Task.Yield();
                return await Task.FromResult(1);
            }
        }
        """);

    [Fact]
    public Task CallInsideLock_HasNoFix() => Verify.VerifyNoCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            private readonly object _gate = new();

            [Get("n")]
            public int N()
            {
                lock (_gate)
                {
                    return [|Task.FromResult(1).Result|];
                }
            }
        }
        """);

    [Fact]
    public Task ActionAlreadyReturningTask_IsNotRewritten() => Verify.VerifyNoCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            public Task<int> N() => Task.FromResult([|Task.FromResult(1).Result|]);
        }
        """);

    [Fact]
    public Task WaitAllAndStoredAwaiter_HaveNoFix() => Verify.VerifyNoCodeFixAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("n")]
            public int N()
            {
                [|Task.WaitAll(Task.CompletedTask)|];
                var awaiter = Task.FromResult(1).GetAwaiter();
                return [|awaiter.GetResult()|];
            }
        }
        """);
}
