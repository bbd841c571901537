using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    private protected override void AnalyzeCompilation(CompilationStartAnalysisContext context, CoapKnownTypes known)
    {
        if (known.Binding is null)
        {
            return;
        }

        context.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, CoapKnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.Binding))
            {
                AnalyzeBinding(context, method, attribute);
            }
        }
    }

    private static void AnalyzeBinding(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute)
    {
        var doubles = new Dictionary<string, double>();
        var band = false;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Value.Value)
            {
                case double value when !double.IsNaN(value):
                    doubles[argument.Key] = value;
                    break;
                case bool value when argument.Key == Band:
                    band = value;
                    break;
            }
        }

        var action = method.ContainingType.Name + "." + method.Name;
        void Report(string property, string problem) => context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.COAP4003_InvalidBindingValue,
            ArgumentLocation(attribute, property, method, context.CancellationToken),
            action,
            problem));

        var validPeriods = true;
        foreach (var property in new[] { MinPeriod, MaxPeriod, Step, GreaterThan, LessThan })
        {
            if (doubles.TryGetValue(property, out var value) && double.IsInfinity(value))
            {
                Report(property, $"{property} is {Format(value)}; it must be a finite number, or left unset");
                validPeriods &= property is not (MinPeriod or MaxPeriod);
            }
        }

        if (doubles.TryGetValue(MinPeriod, out var min) && !double.IsInfinity(min) && min < 0)
        {
            Report(MinPeriod, $"MinPeriod is {Format(min)} seconds; the minimum time between notifications cannot be negative");
            validPeriods = false;
        }

        if (doubles.TryGetValue(MaxPeriod, out var max) && !double.IsInfinity(max) && max <= 0)
        {
            Report(MaxPeriod, $"MaxPeriod is {Format(max)} seconds; the maximum time without a notification must be more than zero");
            validPeriods = false;
        }

        if (validPeriods && doubles.ContainsKey(MinPeriod) && doubles.ContainsKey(MaxPeriod) && min > max)
        {
            Report(MaxPeriod, $"MaxPeriod ({Format(max)} s) is less than MinPeriod ({Format(min)} s); no notification can come at least MinPeriod and at most MaxPeriod after the last one");
        }

        if (doubles.TryGetValue(Step, out var step) && !double.IsInfinity(step) && step <= 0)
        {
            Report(Step, $"Step is {Format(step)}; the change that triggers a notification must be more than zero");
        }

        if (band && !doubles.ContainsKey(GreaterThan) && !doubles.ContainsKey(LessThan))
        {
            Report(Band, "Band = true needs GreaterThan, LessThan or both to bound the band; set a threshold or remove Band");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

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
