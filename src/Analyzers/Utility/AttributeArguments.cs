using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coap.Analyzers;

/// <summary>
/// One application of an attribute to a method, for the analyzers that check the attribute's named values
/// (COAP3007, COAP4003): reads the <c>Name = value</c> arguments and reports a problem with one of them on that
/// argument, the message naming the action (<c>Controller.Method</c>) and the problem.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly SymbolAnalysisContext _context;
    private readonly DiagnosticDescriptor _descriptor;
    private readonly IMethodSymbol _method;
    private readonly AttributeData _attribute;
    private readonly string _action;

    private AttributeArguments(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, IMethodSymbol method, AttributeData attribute)
    {
        _context = context;
        _descriptor = descriptor;
        _method = method;
        _attribute = attribute;
        _action = method.ContainingType.Name + "." + method.Name;
    }

    /// <summary>
    /// Runs <paramref name="check"/> on the methods' applications of <paramref name="attributeType"/> (none when the
    /// framework lacks it): every one, or only the first when <paramref name="firstOnly"/>.
    /// </summary>
    public static void Register(
        CompilationStartAnalysisContext context, INamedTypeSymbol? attributeType, DiagnosticDescriptor descriptor, bool firstOnly, Action<AttributeArguments> check)
    {
        if (attributeType is null)
        {
            return;
        }

        context.RegisterSymbolAction(
            symbolContext =>
            {
                var method = (IMethodSymbol)symbolContext.Symbol;
                foreach (var attribute in method.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                    {
                        check(new AttributeArguments(symbolContext, descriptor, method, attribute));
                        if (firstOnly)
                        {
                            return;
                        }
                    }
                }
            },
            SymbolKind.Method);
    }

    /// <summary>The named arguments whose value is a <typeparamref name="T"/> (that <paramref name="isSet"/>, when given), by name.</summary>
    public Dictionary<string, T> Read<T>(Func<T, bool>? isSet = null)
    {
        var values = new Dictionary<string, T>();
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Value.Value is T value && (isSet is null || isSet(value)))
            {
                values[argument.Key] = value;
            }
        }

        return values;
    }

    /// <summary>Reports <paramref name="problem"/> with <paramref name="property"/>, on its argument.</summary>
    public void Report(string property, string problem) =>
        _context.ReportDiagnostic(Diagnostic.Create(_descriptor, ArgumentLocation(property), _action, problem));

    /// <summary>
    /// Reports, in the order given, each of <paramref name="properties"/> that is in <paramref name="values"/> with a value
    /// that <paramref name="isInvalid"/>; returns the ones it reported.
    /// </summary>
    public List<string> ReportEach<T>(Dictionary<string, T> values, string[] properties, Func<T, bool> isInvalid, Func<string, T, string> problem)
    {
        var reported = new List<string>();
        foreach (var property in properties)
        {
            if (values.TryGetValue(property, out var value) && isInvalid(value))
            {
                Report(property, problem(property, value));
                reported.Add(property);
            }
        }

        return reported;
    }

    /// <summary>The <c>Name = value</c> argument, else the attribute, else the method.</summary>
    private Location ArgumentLocation(string property)
    {
        if (_attribute.ApplicationSyntaxReference?.GetSyntax(_context.CancellationToken) is AttributeSyntax syntax)
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

        return _method.Locations.IsEmpty ? Location.None : _method.Locations[0];
    }
}
