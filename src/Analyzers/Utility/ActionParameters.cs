using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

/// <summary>Where an action parameter is bound from, as far as the analyzers need to know.</summary>
internal static class ActionParameters
{
    /// <summary>The route name of a [FromRoute] parameter: its Name, else the parameter's name; null without [FromRoute].</summary>
    public static string? GetFromRouteName(IParameterSymbol parameter, CoapKnownTypes known)
    {
        if (CoapKnownTypes.FindAttribute(parameter, known.FromRoute) is not { } fromRoute)
        {
            return null;
        }

        foreach (var named in fromRoute.NamedArguments)
        {
            if (named.Key == "Name" && named.Value.Value is string name && name.Length > 0)
            {
                return name;
            }
        }

        return parameter.Name;
    }

    /// <summary>Whether the parameter is bound from the route parameter of that name (case-insensitive).</summary>
    public static bool BindsRouteParameter(IParameterSymbol parameter, string routeName, CoapKnownTypes known)
    {
        if (GetFromRouteName(parameter, known) is { } fromRoute)
        {
            return string.Equals(fromRoute, routeName, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(parameter.Name, routeName, StringComparison.OrdinalIgnoreCase)
            && !known.HasAttribute(parameter, known.FromQuery)
            && !known.HasAttribute(parameter, known.FromPayload)
            && !known.HasAttribute(parameter, known.FromServices);
    }

    /// <summary>Whether the value comes from a route parameter or the query, so only simple types bind.</summary>
    public static bool IsRouteOrQueryValue(IParameterSymbol parameter, ImmutableArray<ActionRoute> routes, CoapKnownTypes known)
    {
        if (known.HasAttribute(parameter, known.FromQuery) || known.HasAttribute(parameter, known.FromRoute))
        {
            return true;
        }

        foreach (var route in routes)
        {
            foreach (var routeParameter in route.Template.Parameters)
            {
                if (BindsRouteParameter(parameter, routeParameter.Name, known))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
