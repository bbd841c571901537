using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.QBlock is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (CoapKnownTypes.FindAttribute(method, known.QBlock) is { } attribute)
        {
            AnalyzeQBlock(context, method, attribute);
        }
    }

    private static void AnalyzeQBlock(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute)
    {
        var values = new Dictionary<string, int>();
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Value is int value)
            {
                values[argument.Key] = value;
            }
        }

        var action = method.ContainingType.Name + "." + method.Name;
        void Report(string property, string problem) => context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP3007_InvalidQBlockValue,
            ArgumentLocation(attribute, property, method, context.CancellationToken),
            action,
            problem));

        foreach (var property in new[] { MaxPayloads, NonTimeoutMs, NonReceiveTimeoutMs, NonPartialTimeoutSec, PreferredBlockSize })
        {
            if (values.TryGetValue(property, out var value) && value < 0)
            {
                Report(property, $"{property} is {Format(value)}; it cannot be negative (0 leaves it at the endpoint's setting)");
            }
        }

        if (values.TryGetValue(NonMaxRetransmit, out var retransmit) && retransmit < -1)
        {
            Report(NonMaxRetransmit, $"NonMaxRetransmit is {Format(retransmit)}; it cannot be negative (−1 leaves it at the endpoint's setting)");
        }

        if (values.TryGetValue(MaxPayloads, out var maxPayloads) && maxPayloads == 0)
        {
            Report(MaxPayloads, "MaxPayloads is 0; a set must hold at least 1 block (RFC 9177 §7.2), so set 1 or more, or leave it unset for the endpoint's value");
        }

        if (values.TryGetValue(PreferredBlockSize, out var size) && size > 0 && !IsBlockSize(size))
        {
            Report(PreferredBlockSize, $"PreferredBlockSize is {Format(size)}; a block size is a power of two from 16 to 1024 (RFC 7959 §2.2)");
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
                Report(
                    hasReceive ? NonReceiveTimeoutMs : NonTimeoutMs,
                    $"{receiveText} is less than {timeoutText} × 1.5 + 1000 = {minimum.ToString(CultureInfo.InvariantCulture)} ms (RFC 9177 §7.2); a receiver would give up on a set before its sender's next one can arrive");
            }
        }
    }

    private static bool IsBlockSize(int size) => size is >= 16 and <= 1024 && (size & (size - 1)) == 0;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>Name = value</c> argument, else the attribute, else the method.</summary>
    private static Location ArgumentLocation(AttributeData attribute, string property, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            if (syntax.ArgumentList is { } arguments)
            {
                foreach (var argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == property)
                    {
                        return argument.GetLocation();
                    }
                }
            }

            return syntax.GetLocation();
        }

        return method.Locations.IsEmpty ? Location.None : method.Locations[0];
    }
}
