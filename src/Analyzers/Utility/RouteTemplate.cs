using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Coap.Analyzers;

/// <summary>
/// A controller prefix and an action template joined and split into what the analyzers compare:
/// the route parameters and a shape key in which parameter names are erased, so
/// <c>a/{id:int}</c> and <c>a/{x:int}</c> have the same key and <c>a/{id}</c> another.
/// </summary>
internal sealed class RouteTemplate
{
    private RouteTemplate(string text, bool isValid, ImmutableArray<RouteParameter> parameters, string shapeKey)
    {
        Text = text;
        IsValid = isValid;
        Parameters = parameters;
        ShapeKey = shapeKey;
    }

    /// <summary>The joined template as a path, e.g. <c>/sensors/{id:int}</c>.</summary>
    public string Text { get; }

    /// <summary>False when braces do not balance or a parameter has no name (the generator reports those, COAP1001).</summary>
    public bool IsValid { get; }

    public ImmutableArray<RouteParameter> Parameters { get; }

    /// <summary>Literal segments as written, parameters as <c>{:constraints}</c> (sorted), catch-alls as <c>{*}</c>.</summary>
    public string ShapeKey { get; }

    public static RouteTemplate Parse(string? prefix, string? template)
    {
        var joined = Join(prefix, template);
        var parameters = ImmutableArray.CreateBuilder<RouteParameter>();
        var key = new StringBuilder(joined.Length + 1);
        var valid = true;

        foreach (var segment in joined.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            key.Append('/');
            var i = 0;
            while (i < segment.Length)
            {
                var c = segment[i];
                if (c == '}')
                {
                    valid = false;
                    key.Append(c);
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    key.Append(c);
                    i++;
                    continue;
                }

                var close = segment.IndexOf('}', i + 1);
                if (close < 0)
                {
                    valid = false;
                    key.Append(segment, i, segment.Length - i);
                    break;
                }

                var parameter = ParseParameter(segment.Substring(i + 1, close - i - 1));
                if (parameter is { } p)
                {
                    parameters.Add(p);
                    key.Append(p.ShapeKey);
                }
                else
                {
                    valid = false;
                }

                i = close + 1;
            }
        }

        return new RouteTemplate("/" + joined, valid, parameters.ToImmutable(), key.Length == 0 ? "/" : key.ToString());
    }

    /// <summary>Whether a route parameter with this name (case-insensitive) is in the template.</summary>
    public bool HasParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(string? prefix, string? template)
    {
        var left = (prefix ?? string.Empty).Trim('/');
        var right = (template ?? string.Empty).Trim('/');
        return left.Length == 0 ? right : right.Length == 0 ? left : left + "/" + right;
    }

    private static RouteParameter? ParseParameter(string content)
    {
        var catchAll = false;
        var start = 0;
        while (start < content.Length && content[start] == '*')
        {
            catchAll = true;
            start++;
        }

        var body = content.Substring(start).Trim();
        var optional = body.EndsWith("?", StringComparison.Ordinal);
        if (optional)
        {
            body = body.Substring(0, body.Length - 1);
        }

        var parts = body.Split(':');
        var name = parts[0];
        var equals = name.IndexOf('=');
        if (equals >= 0)
        {
            name = name.Substring(0, equals);
        }

        name = name.Trim();
        if (name.Length == 0)
        {
            return null;
        }

        var constraints = new List<string>(parts.Length - 1);
        for (var i = 1; i < parts.Length; i++)
        {
            var constraint = parts[i].Trim();
            if (constraint.Length > 0)
            {
                constraints.Add(constraint);
            }
        }

        constraints.Sort(StringComparer.Ordinal);
        return new RouteParameter(name, catchAll, optional, constraints.ToImmutableArray());
    }
}
