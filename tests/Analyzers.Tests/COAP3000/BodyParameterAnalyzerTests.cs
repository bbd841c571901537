using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.UnsupportedParameterTypeAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

/// <summary>PipeReader and Stream parameters bind the request body (the generator supports them), so COAP3004 stays silent.</summary>
public class BodyParameterAnalyzerTests
{
    [Fact]
    public Task PipeReaderAndStreamParameters_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.IO;
        using System.IO.Pipelines;
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Put("image"), QBlock]
            public void Upload(PipeReader body) { }

            [Post("image")]
            public void Append([FromPayload] Stream body) { }
        }
        """);
}
