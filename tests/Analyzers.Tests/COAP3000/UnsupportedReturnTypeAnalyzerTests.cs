using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.UnsupportedReturnTypeAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class UnsupportedReturnTypeAnalyzerTests
{
    [Fact]
    public Task SupportedReturnTypes_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Coap;

        public sealed record Reading(double Celsius);

        [CoapController]
        public sealed class GoodController : CoapController
        {
            [Get("a")] public void A() { }
            [Get("b")] public CoapResult B() => Changed();
            [Get("c")] public string C() => "";
            [Get("d")] public byte[] D() => [];
            [Get("e")] public ReadOnlyMemory<byte> E() => default;
            [Get("f")] public int F() => 1;
            [Get("g")] public long G() => 1;
            [Get("h")] public double H() => 1;
            [Get("i")] public bool I() => true;
            [Get("j")] public Reading J() => new(1);
            [Get("k")] public IEnumerable<Reading> K() => [];
            [Get("l")] public Task L() => Task.CompletedTask;
            [Get("m")] public ValueTask M() => default;
            [Get("n")] public Task<CoapResult> N() => Task.FromResult(Changed());
            [Get("o")] public ValueTask<string> O() => new("");
            [Get("p")] public async Task<Reading> P() { await Task.Yield(); return new(1); }
        }
        """);

    [Fact]
    public Task UnsupportedReturnTypes_AreReportedOnTheReturnType() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using System.Threading.Tasks;
        using Coap;

        [CoapController]
        public sealed class BadController : CoapController
        {
            private static readonly byte[] s_buffer = new byte[4];
            private int _value;

            [Get("a")] public [|ReadOnlySpan<byte>|] A() => s_buffer;
            [Get("b")] public [|object|] B() => 1;
            [Get("c")] public [|dynamic|] C() => 1;
            [Get("d")] public [|Func<int>|] D() => () => 1;
            [Get("e")] public [|Task<Task>|] E() => Task.FromResult(Task.CompletedTask);
            [Get("f")] public [|ValueTask<Task<int>>|] F() => new(Task.FromResult(1));
            [Get("g")] public [|Task<object>|] G() => Task.FromResult(new object());
            [Get("h")] public unsafe [|byte*|] H() => null;
            [Get("i")] public [|ref int|] I() => ref _value;
            [Get("j")] public [|T|] J<T>() => default!;
        }
        """);

    [Fact]
    public async Task Message_NamesTheTypeAndTheSupportedOnes()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Coap;

            [CoapController]
            public sealed class BadController : CoapController
            {
                [Get("e")] public Task<Task> E() => Task.FromResult(Task.CompletedTask);
            }
            """);

        var message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Action 'E' returns 'Task<Task>', which cannot be written as a response: a task of a task", message, StringComparison.Ordinal);
        Assert.EndsWith("or a Task or ValueTask of one of those", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task NonActions_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController]
        public sealed class HelperController : CoapController
        {
            public object Helper() => 1;
        }
        """);
}
