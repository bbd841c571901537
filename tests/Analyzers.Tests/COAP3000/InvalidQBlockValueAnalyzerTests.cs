using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.InvalidQBlockValueAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

/// <summary>COAP3007: [QBlock] transmission parameters that cannot hold (RFC 9177 §7.2, QB-53; RFC 7959 §2.2; seeds §9.1 "Validation").</summary>
public class InvalidQBlockValueAnalyzerTests
{
    [Fact]
    public Task ValuesThatCannotHold_AreReportedOnTheirArgument() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Get("a"), QBlock([|PreferredBlockSize = 1000|])]
            public byte[] A() => new byte[1];

            [Get("b"), QBlock([|PreferredBlockSize = 2048|], [|MaxPayloads = 0|])]
            public byte[] B() => new byte[1];

            [Get("c"), QBlock([|PreferredBlockSize = 8|], [|MaxPayloads = -3|])]
            public byte[] C() => new byte[1];

            [Get("d"), QBlock(NonTimeoutMs = 2000, [|NonReceiveTimeoutMs = 3999|])]
            public byte[] D() => new byte[1];

            [Get("e"), QBlock([|NonTimeoutMs = 3000|])]
            public byte[] E() => new byte[1];

            [Get("f"), QBlock([|NonReceiveTimeoutMs = 3000|])]
            public byte[] F() => new byte[1];

            [Get("g"), QBlock([|NonTimeoutMs = -1|], [|NonPartialTimeoutSec = -5|], [|NonMaxRetransmit = -2|])]
            public byte[] G() => new byte[1];
        }
        """);

    [Fact]
    public Task ValuesThatHold_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using Coap;

        [CoapController("firmware")]
        public sealed class FirmwareController : CoapController
        {
            [Get("a"), QBlock]
            public byte[] A() => new byte[1];

            [Get("b"), QBlock(AllowNoSec = true, PreferredBlockSize = 16, MaxPayloads = 1)]
            public byte[] B() => new byte[1];

            [Get("c"), QBlock(PreferredBlockSize = 1024, MaxPayloads = 10, NonMaxRetransmit = 0, NonPartialTimeoutSec = 247)]
            public byte[] C() => new byte[1];

            [Get("d"), QBlock(NonTimeoutMs = 2000, NonReceiveTimeoutMs = 4000)]
            public byte[] D() => new byte[1];

            [Get("e"), QBlock(NonTimeoutMs = 1000, NonMaxRetransmit = -1)]
            public byte[] E() => new byte[1];

            [Get("f"), QBlock(NonReceiveTimeoutMs = 60000, PreferredBlockSize = 0, NonTimeoutMs = 0)]
            public byte[] F() => new byte[1];
        }
        """);

    [Fact]
    public async Task Messages_SayWhatIsWrong()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using Coap;

            [CoapController("firmware")]
            public sealed class FirmwareController : CoapController
            {
                [Get("t"), QBlock(PreferredBlockSize = 100, MaxPayloads = 0)]
                public byte[] T() => new byte[1];

                [Get("u"), QBlock(NonTimeoutMs = 4000, NonReceiveTimeoutMs = 5000)]
                public byte[] U() => new byte[1];

                [Get("v"), QBlock(NonTimeoutMs = 3000)]
                public byte[] V() => new byte[1];

                [Get("w"), QBlock(NonPartialTimeoutSec = -1)]
                public byte[] W() => new byte[1];
            }
            """);

        var messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            [
                "[QBlock] on 'FirmwareController.T': PreferredBlockSize is 100; a block size is a power of two from 16 to 1024 (RFC 7959 §2.2)",
                "[QBlock] on 'FirmwareController.T': MaxPayloads is 0; a set must hold at least 1 block (RFC 9177 §7.2), so set 1 or more, or leave it unset for the endpoint's value",
                "[QBlock] on 'FirmwareController.U': NonReceiveTimeoutMs (5000 ms) is less than NonTimeoutMs (4000 ms) × 1.5 + 1000 = 7000 ms (RFC 9177 §7.2); a receiver would give up on a set before its sender's next one can arrive",
                "[QBlock] on 'FirmwareController.V': the default NON_RECEIVE_TIMEOUT (4000 ms) is less than NonTimeoutMs (3000 ms) × 1.5 + 1000 = 5500 ms (RFC 9177 §7.2); a receiver would give up on a set before its sender's next one can arrive",
                "[QBlock] on 'FirmwareController.W': NonPartialTimeoutSec is -1; it cannot be negative (0 leaves it at the endpoint's setting)",
            ],
            messages);
    }
}
