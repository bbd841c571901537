using Verify = Coap.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Coap.Analyzers.UnsupportedParameterTypeAnalyzer>;

namespace Coap.Analyzers.Tests.COAP3000;

public class UnsupportedParameterTypeAnalyzerTests
{
    [Fact]
    public Task SupportedTypes_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Coap;

        public enum Mode { On, Off }
        public sealed record Reading(double Celsius);
        public sealed class Setpoint { public double Target { get; set; } }
        public interface IThermometer { }

        [CoapController("t")]
        public sealed class ThermostatController : CoapController
        {
            [Get("{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}")]
            public void Route(int a, long b, uint c, ushort d, double e, bool f, Guid g, string h, Mode i) { }

            [Get("n/{a}/{b}")]
            public void Nullable(int? a, Mode? b, [FromQuery] Guid? q, [FromQuery] string? s) { }

            [Put("body")]
            public void Payload([FromPayload] Reading reading, Setpoint setpoint, byte[] raw, ReadOnlyMemory<byte> memory, List<Reading> many) { }

            [Post("ctx")]
            public void Context(CoapContext context, CancellationToken cancellationToken, [FromServices] IThermometer thermometer, IThermometer implicitService) { }
        }
        """);

    [Fact]
    public Task RefStructsDelegatesObjectAndDynamic_AreReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using Coap;

        [CoapController]
        public sealed class BadController : CoapController
        {
            [Put("a")]
            public void A(ReadOnlySpan<byte> [|span|], Span<char> [|chars|]) { }

            [Put("b")]
            public void B(Func<int> [|factory|], Action [|callback|]) { }

            [Put("c")]
            public void C(object [|anything|], dynamic [|whatever|]) { }
        }
        """);

    [Fact]
    public Task PointersRefParametersAndOpenGenerics_AreReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System.Collections.Generic;
        using Coap;

        [CoapController]
        public sealed class BadController : CoapController
        {
            [Put("a")]
            public unsafe void A(byte* [|pointer|], delegate*<void> [|function|]) { }

            [Put("b/{id}")]
            public void B(ref int [|id|], out int [|result|], in double [|value|]) { result = 0; }

            [Put("c")]
            public void C<T>(T [|value|], List<T> [|values|]) { }
        }
        """);

    [Fact]
    public Task RouteOrQueryValueOfComplexType_IsReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using Coap;

        public sealed class Filter { public string? Name { get; set; } }

        [CoapController("logs")]
        public sealed class LogsController : CoapController
        {
            [Get("{since}")]
            public void Since(DateTime [|since|]) { }

            [Get("search")]
            public void Search([FromQuery] Filter [|filter|], [FromQuery] float [|threshold|]) { }

            [Get("{day}")]
            public void Day([FromRoute] byte[] [|day|]) { }
        }
        """);

    [Fact]
    public async Task Message_GivesTheReasonAndTheSupportedTypes()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(/* lang=c#-test */ """
            using System;
            using Coap;

            [CoapController]
            public sealed class BadController : CoapController
            {
                [Put("a")]
                public void A(ReadOnlySpan<byte> span) { }
            }
            """);

        var message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("Parameter 'span' of action 'A' cannot be bound: 'ReadOnlySpan<byte>' is a ref struct", message, StringComparison.Ordinal);
        Assert.Contains("byte[], ReadOnlyMemory<byte> or a class for the payload", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task NonActions_AreNotReported() => Verify.VerifyAnalyzerAsync(/* lang=c#-test */ """
        using System;
        using Coap;

        [CoapController]
        public sealed class HelperController : CoapController
        {
            public void Helper(ReadOnlySpan<byte> span, object o) { }
        }

        public sealed class NotAController
        {
            [Put("a")]
            public void A(ReadOnlySpan<byte> span) { }
        }
        """);
}
