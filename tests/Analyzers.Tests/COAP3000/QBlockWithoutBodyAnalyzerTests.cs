using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.QBlockWithoutBodyAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

/// <summary>COAP3008: [QBlock] where neither Q-Block1 nor Q-Block2 can ever apply (RFC 9177 §4).</summary>
public class QBlockWithoutBodyAnalyzerTests
{
    [Fact]
    public Task QBlock_OnBodylessMethodReturningNothing_IsReportedOnTheAttribute() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Delete("latest"), [|QBlock|]]
            public void Remove() { }

            [Get("reset"), [|QBlock(AllowNoSec = true)|]]
            public Task Reset() => Task.CompletedTask;

            [Get("x"), Delete("x"), [|QBlock|]]
            public ValueTask Both() => default;
        }
        """);

    [Fact]
    public Task QBlock_WithABodyInEitherDirection_IsNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Threading.Tasks;
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Get("latest"), QBlock]
            public byte[] Latest() => new byte[1];

            [Put("latest"), QBlock]
            public void Upload([FromPayload] byte[] image) { }

            [Delete("old"), QBlock]
            public Task<string> RemoveWithReport() => Task.FromResult("removed");

            [Get("y"), Post("y"), QBlock]
            public void Mixed() { }

            [QBlock]
            public void NotAnAction() { }
        }
        """);

    [Fact]
    public async Task Message_NamesTheActionAndItsMethods()
    {
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("firmware")]
            public sealed class FirmwareController : CoapController
            {
                [Delete("latest"), QBlock]
                public void Remove() { }
            }
            """));

        Assert.Equal(
            "Action 'FirmwareController.Remove' has [QBlock] but takes DELETE requests, which carry no body, and returns nothing; Q-Block never applies, so remove [QBlock]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
