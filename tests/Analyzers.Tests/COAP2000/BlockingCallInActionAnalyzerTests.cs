using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.BlockingCallInActionAnalyzer>;

namespace Coap.Analyzers.Tests.COAP2000;

public class BlockingCallInActionAnalyzerTests
{
    [Fact]
    public Task TaskResult_InAction_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("sensors")]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public double Temperature() => [|ReadAsync().Result|];

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """);

    [Fact]
    public Task ValueTaskResult_InAction_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public double Temperature()
            {
                ValueTask<double> pending = new(21.5);
                return [|pending.Result|];
            }
        }
        """);

    [Fact]
    public Task WaitAndGetResult_InAction_AreReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Post("run")]
            public CoapResult Run()
            {
                [|Task.Delay(1).Wait()|];
                var n = [|Task.FromResult(1).GetAwaiter().GetResult()|];
                var m = [|Task.FromResult(2).ConfigureAwait(false).GetAwaiter().GetResult()|];
                [|new ValueTask(Task.CompletedTask).GetAwaiter().GetResult()|];
                return Content(n + m);
            }
        }
        """);

    [Fact]
    public Task SleepWaitAllWaitAny_InAction_AreReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class JobsController : CoapController
        {
            [Put("slow")]
            public void Slow()
            {
                [|Thread.Sleep(10)|];
                [|Task.WaitAll(Task.CompletedTask)|];
                [|Task.WaitAny(Task.CompletedTask)|];
            }
        }
        """);

    [Fact]
    public async Task Message_SaysWhatToUseInstead()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using System.Threading;
            using System.Threading.Tasks;
            using Coap;

            [CoapController]
            public sealed class JobsController : CoapController
            {
                [Get("a")]
                public int A() => Task.FromResult(1).Result;

                [Get("b")]
                public void B() => Thread.Sleep(5);
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "Action 'A' blocks its thread with '.Result'; await the task instead and make the action return Task or ValueTask",
                "Action 'B' blocks its thread with 'Thread.Sleep'; use 'await Task.Delay(...)' instead",
            ],
            messages);
        Assert.All(diagnostics, d => Assert.Equal("https://github.com/coap-framework/coap/blob/main/docs/diagnostics/COAP2001.md", d.Descriptor.HelpLinkUri));
    }

    [Fact]
    public Task AwaitedTask_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("temp")]
            public async Task<double> Temperature()
            {
                await Task.Delay(1);
                return await ReadAsync();
            }

            private static Task<double> ReadAsync() => Task.FromResult(21.5);
        }
        """);

    [Fact]
    public Task BlockingOutsideActions_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            // Not an action: no method attribute.
            public int Helper() => Task.FromResult(1).Result;

            [Get("lazy")]
            public string Lazy()
            {
                // Lambdas and local functions may run elsewhere; nameof does not run at all.
                Func<int> later = () => Task.FromResult(1).Result;
                int Local() { Thread.Sleep(1); return 2; }
                return nameof(Task<int>.Result) + later.ToString() + ((Func<int>)Local).ToString();
            }
        }

        public sealed class NotAController
        {
            public void Work() => Thread.Sleep(1);
        }
        """);

    [Fact]
    public Task OwnResultProperty_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        public sealed class Outcome { public int Result { get; set; } public void Wait() { } }

        [CoapController]
        public sealed class SensorsController : CoapController
        {
            [Get("x")]
            public int X()
            {
                var outcome = new Outcome();
                outcome.Wait();
                return outcome.Result;
            }
        }
        """);

    [Fact]
    public Task WithoutFramework_NothingIsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;

        public sealed class Plain
        {
            public int Get() => Task.FromResult(1).Result;
        }
        """);
}
