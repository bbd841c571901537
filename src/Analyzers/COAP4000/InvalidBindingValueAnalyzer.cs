using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// COAP4003: <c>[Binding]</c> conditional attributes that cannot hold: a negative
/// <c>MinPeriod</c>, a <c>MaxPeriod</c> or <c>Step</c> that is not positive, <c>MaxPeriod</c> below
/// <c>MinPeriod</c>, an infinite value, or <c>Band = true</c> without a threshold. NaN means "not
/// set" and is never reported. One diagnostic per problem, on the named argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidBindingValueAnalyzer : CoapAnalyzer
{
    private const string MinPeriod = nameof(MinPeriod);
    private const string MaxPeriod = nameof(MaxPeriod);
    private const string Step = nameof(Step);
    private const string GreaterThan = nameof(GreaterThan);
    private const string LessThan = nameof(LessThan);
    private const string Band = nameof(Band);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.COAP4003_InvalidBindingValue);

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known) =>
        AttributeArguments.Register(context, known.Binding, Descriptors.COAP4003_InvalidBindingValue, firstOnly: false, AnalyzeBinding);

    private static void AnalyzeBinding(AttributeArguments arguments)
    {
        var doubles = arguments.Read<double>(value => !double.IsNaN(value));
        var band = arguments.Read<bool>().TryGetValue(Band, out var bandValue) && bandValue;
        var infinite = arguments.ReportEach(
            doubles,
            new[] { MinPeriod, MaxPeriod, Step, GreaterThan, LessThan },
            double.IsInfinity,
            (property, value) => $"{property} is {Format(value)}; it must be a finite number, or left unset");
        var validPeriods = !infinite.Contains(MinPeriod) && !infinite.Contains(MaxPeriod);

        if (doubles.TryGetValue(MinPeriod, out var min) && !double.IsInfinity(min) && min < 0)
        {
            arguments.Report(MinPeriod, $"MinPeriod is {Format(min)} seconds; the minimum time between notifications cannot be negative");
            validPeriods = false;
        }

        if (doubles.TryGetValue(MaxPeriod, out var max) && !double.IsInfinity(max) && max <= 0)
        {
            arguments.Report(MaxPeriod, $"MaxPeriod is {Format(max)} seconds; the maximum time without a notification must be more than zero");
            validPeriods = false;
        }

        if (validPeriods && doubles.ContainsKey(MinPeriod) && doubles.ContainsKey(MaxPeriod) && min > max)
        {
            arguments.Report(MaxPeriod, $"MaxPeriod ({Format(max)} s) is less than MinPeriod ({Format(min)} s); no notification can come at least MinPeriod and at most MaxPeriod after the last one");
        }

        if (doubles.TryGetValue(Step, out var step) && !double.IsInfinity(step) && step <= 0)
        {
            arguments.Report(Step, $"Step is {Format(step)}; the change that triggers a notification must be more than zero");
        }

        if (band && !doubles.ContainsKey(GreaterThan) && !doubles.ContainsKey(LessThan))
        {
            arguments.Report(Band, "Band = true needs GreaterThan, LessThan or both to bound the band; set a threshold or remove Band");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
