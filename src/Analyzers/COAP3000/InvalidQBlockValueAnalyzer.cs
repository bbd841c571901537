using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP3007: <c>[QBlock]</c> values that cannot hold (RFC 9177 §7.2, RFC 7959 §2.2): a block size
/// that is not a power of two from 16 to 1024, MAX_PAYLOADS set below 1, NON_RECEIVE_TIMEOUT below
/// NON_TIMEOUT × 1.5 + 1 s, or a negative value. Zero (−1 for NonMaxRetransmit) means "the
/// endpoint's value" and is never reported, except for an explicit MaxPayloads = 0, which
/// reads as "no blocks per set". One diagnostic per problem, on the named argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidQBlockValueAnalyzer : CoapAnalyzer
{
    private const string MaxPayloads = nameof(MaxPayloads);
    private const string NonTimeoutMs = nameof(NonTimeoutMs);
    private const string NonReceiveTimeoutMs = nameof(NonReceiveTimeoutMs);
    private const string NonMaxRetransmit = nameof(NonMaxRetransmit);
    private const string NonPartialTimeoutSec = nameof(NonPartialTimeoutSec);
    private const string PreferredBlockSize = nameof(PreferredBlockSize);

    /// <summary>RFC 9177 §7.2 defaults, used for whichever of the two timeouts is left unset.</summary>
    private const int DefaultNonTimeoutMs = 2000;
    private const int DefaultNonReceiveTimeoutMs = 4000;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP3007_InvalidQBlockValue);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        AttributeArguments.Register(context, known.QBlock, Descriptors.COAP3007_InvalidQBlockValue, firstOnly: true, AnalyzeQBlock);

    private static void AnalyzeQBlock(AttributeArguments arguments)
    {
        var values = arguments.Read<int>();
        arguments.ReportEach(
            values,
            new[] { MaxPayloads, NonTimeoutMs, NonReceiveTimeoutMs, NonPartialTimeoutSec, PreferredBlockSize },
            value => value < 0,
            (property, value) => $"{property} is {Format(value)}; it cannot be negative (0 leaves it at the endpoint's setting)");

        if (values.TryGetValue(NonMaxRetransmit, out var retransmit) && retransmit < -1)
        {
            arguments.Report(NonMaxRetransmit, $"NonMaxRetransmit is {Format(retransmit)}; it cannot be negative (−1 leaves it at the endpoint's setting)");
        }

        if (values.TryGetValue(MaxPayloads, out var maxPayloads) && maxPayloads == 0)
        {
            arguments.Report(MaxPayloads, "MaxPayloads is 0; a set must hold at least 1 block (RFC 9177 §7.2), so set 1 or more, or leave it unset for the endpoint's value");
        }

        if (values.TryGetValue(PreferredBlockSize, out var size) && size > 0 && !IsBlockSize(size))
        {
            arguments.Report(PreferredBlockSize, $"PreferredBlockSize is {Format(size)}; a block size is a power of two from 16 to 1024 (RFC 7959 §2.2)");
        }

        var hasTimeout = values.TryGetValue(NonTimeoutMs, out var timeout) && timeout > 0;
        var hasReceive = values.TryGetValue(NonReceiveTimeoutMs, out var receive) && receive > 0;
        if (hasTimeout || hasReceive)
        {
            var effectiveTimeout = hasTimeout ? timeout : DefaultNonTimeoutMs;
            var effectiveReceive = hasReceive ? receive : DefaultNonReceiveTimeoutMs;
            var minimum = ((long)effectiveTimeout * 3 / 2) + 1000;
            if (effectiveReceive < minimum)
            {
                var receiveText = hasReceive ? $"NonReceiveTimeoutMs ({Format(receive)} ms)" : $"the default NON_RECEIVE_TIMEOUT ({Format(DefaultNonReceiveTimeoutMs)} ms)";
                var timeoutText = hasTimeout ? $"NonTimeoutMs ({Format(timeout)} ms)" : $"the default NON_TIMEOUT ({Format(DefaultNonTimeoutMs)} ms)";
                arguments.Report(
                    hasReceive ? NonReceiveTimeoutMs : NonTimeoutMs,
                    $"{receiveText} is less than {timeoutText} × 1.5 + 1000 = {minimum.ToString(CultureInfo.InvariantCulture)} ms (RFC 9177 §7.2); a receiver would give up on a set before its sender's next one can arrive");
            }
        }
    }

    private static bool IsBlockSize(int size) => size is >= 16 and <= 1024 && (size & (size - 1)) == 0;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
