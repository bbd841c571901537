using System;
using System.Collections.Generic;
using System.Linq;
using Coap.Generators.Helpers;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        /// <summary>The route constraints the matcher understands; a mismatch means the route does not match.</summary>
        public static readonly IReadOnlyList<string> Constraints = ["int", "long", "guid", "double", "bool"];

        /// <summary>The full template text: "/" + prefix + "/" + template, with empty parts left out.</summary>
        public static string JoinTemplate(string prefix, string template)
        {
            var parts = new[] { prefix.Trim('/'), template.Trim('/') }.Where(static p => p.Length > 0);
            return "/" + string.Join("/", parts);
        }

        /// <summary>
        /// Splits a controller prefix and an action template into segments. Returns the reason
        /// when the template is invalid (COAP1001), null when it is valid.
        /// </summary>
        public static string? ParseTemplate(string prefix, string template, out EquatableArray<RouteSegmentSpec> segments)
        {
            segments = EquatableArray<RouteSegmentSpec>.Empty;
            var parts = new List<string>();
            foreach (var piece in new[] { prefix, template })
            {
                var trimmed = piece.Trim('/');
                if (trimmed.Length > 0)
                {
                    parts.AddRange(trimmed.Split('/'));
                }
            }

            var result = new List<RouteSegmentSpec>(parts.Count);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                if (part.Length == 0)
                {
                    return "it has an empty segment ('//')";
                }

                if (part.IndexOf('{') < 0 && part.IndexOf('}') < 0)
                {
                    result.Add(new RouteSegmentSpec { Kind = SegmentKind.Literal, Value = part });
                    continue;
                }

                if (ParseParameter(part, i == parts.Count - 1, out var segment) is { } problem)
                {
                    return problem;
                }

                if (!names.Add(segment!.Value))
                {
                    return $"the parameter '{segment.Value}' appears twice";
                }

                result.Add(segment);
            }

            segments = result.ToEquatableArray();
            return null;
        }

        private static string? ParseParameter(string part, bool isLast, out RouteSegmentSpec? segment)
        {
            segment = null;
            var opens = part.Count(static c => c == '{');
            var closes = part.Count(static c => c == '}');
            if (opens != closes)
            {
                return $"the segment '{part}' has unbalanced braces";
            }

            if (opens > 1 || part[0] != '{' || part[part.Length - 1] != '}')
            {
                return $"the segment '{part}' mixes text and parameters; a parameter must be the whole segment";
            }

            var inner = part.Substring(1, part.Length - 2);
            var catchAll = inner.StartsWith("*", StringComparison.Ordinal);
            if (catchAll)
            {
                inner = inner.TrimStart('*');
            }

            var colon = inner.IndexOf(':');
            var name = colon < 0 ? inner : inner.Substring(0, colon);
            var constraint = colon < 0 ? "" : inner.Substring(colon + 1);
            if (name.Length == 0)
            {
                return $"the segment '{part}' has an empty parameter name";
            }

            if (name.IndexOf('?') >= 0 || name.IndexOf('=') >= 0 || constraint.IndexOf('?') >= 0 || constraint.IndexOf('=') >= 0)
            {
                return $"the segment '{part}' is optional or has a default value, which is not supported";
            }

            if (!IsValidName(name))
            {
                return $"the parameter name '{name}' contains whitespace or one of '{{}}?=*:/'";
            }

            if (catchAll && !isLast)
            {
                return $"the catch-all '{part}' must be the last segment";
            }

            if (catchAll && constraint.Length > 0)
            {
                return $"the catch-all '{part}' cannot have a constraint";
            }

            if (constraint.Length > 0 && !Constraints.Contains(constraint))
            {
                return $"the constraint '{constraint}' is unknown (use int, long, guid, double or bool)";
            }

            segment = new RouteSegmentSpec
            {
                Kind = catchAll ? SegmentKind.CatchAll : SegmentKind.Parameter,
                Value = name,
                Constraint = constraint,
            };
            return null;
        }

        private static bool IsValidName(string name)
        {
            foreach (var c in name)
            {
                if (char.IsWhiteSpace(c) || "{}?=*:/".IndexOf(c) >= 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
