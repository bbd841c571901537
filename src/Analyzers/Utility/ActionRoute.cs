using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coap.Analyzers;

/// <summary>One route of an action: a method attribute (<c>[Get("…")]</c>) under its controller's prefix.</summary>
internal sealed class ActionRoute
{
    private ActionRoute(IMethodSymbol action, AttributeData attribute, string verb, RouteTemplate template)
    {
        Action = action;
        Attribute = attribute;
        Verb = verb;
        Template = template;
    }

    public IMethodSymbol Action { get; }

    public AttributeData Attribute { get; }

    /// <summary>The method in capitals, from the attribute's name: GET, PUT, IPATCH, …</summary>
    public string Verb { get; }

    public RouteTemplate Template { get; }

    /// <summary>The routes of an action in a controller, one per method attribute.</summary>
    public static ImmutableArray<ActionRoute> For(IMethodSymbol action, AttributeData controllerAttribute, CoapKnownTypes known)
    {
        var prefix = GetStringArgument(controllerAttribute, "prefix");
        var attributes = known.GetMethodAttributes(action);
        var routes = ImmutableArray.CreateBuilder<ActionRoute>(attributes.Length);
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeConstructor is null)
            {
                continue; // Does not bind (a compiler error says why): no template to compare.
            }

            routes.Add(new ActionRoute(action, attribute, VerbOf(attribute.AttributeClass), RouteTemplate.Parse(prefix, GetStringArgument(attribute, "template"))));
        }

        return routes.ToImmutable();
    }

    /// <summary>The template argument if it is written, else the attribute, else the method.</summary>
    public Location GetTemplateLocation(CancellationToken cancellationToken)
    {
        if (Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            if (syntax.ArgumentList is { Arguments: { Count: > 0 } arguments })
            {
                foreach (var argument in arguments)
                {
                    if (argument.NameColon is null || argument.NameColon.Name.Identifier.ValueText == "template")
                    {
                        return argument.GetLocation();
                    }
                }
            }

            return syntax.GetLocation();
        }

        return Action.Locations.IsEmpty ? Location.None : Action.Locations[0];
    }

    /// <summary>The whole attribute, e.g. <c>Get("a/{id}")</c>.</summary>
    public Location GetAttributeLocation(CancellationToken cancellationToken) =>
        Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
        ?? (Action.Locations.IsEmpty ? Location.None : Action.Locations[0]);

    /// <summary>The method in capitals from a method attribute class: <c>PutAttribute</c> → <c>PUT</c>.</summary>
    public static string VerbOf(INamedTypeSymbol? attributeClass)
    {
        var name = attributeClass?.Name ?? "?";
        const string suffix = "Attribute";
        if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
        {
            name = name.Substring(0, name.Length - suffix.Length);
        }

        return name.ToUpperInvariant();
    }

    private static string? GetStringArgument(AttributeData attribute, string parameterName)
    {
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (var i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            if (parameters[i].Name == parameterName && attribute.ConstructorArguments[i].Value is string value)
            {
                return value;
            }
        }

        return null;
    }
}
