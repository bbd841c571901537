using System;
using System.Collections.Generic;
using System.Linq;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        private static readonly RouteSegmentSpec[] _wellKnownCore =
        [
            new RouteSegmentSpec { Kind = SegmentKind.Literal, Value = ".well-known" },
            new RouteSegmentSpec { Kind = SegmentKind.Literal, Value = "core" },
        ];

        /// <summary>
        /// Writes HandleAsync: a switch on the segment count, then a decision tree per count
        /// (literals first, then constrained parameters, then plain ones; a branch that fails
        /// falls through to its next sibling), then the catch-all routes. A path that matches
        /// with another method remembers that, for 4.05 instead of 4.04.
        /// </summary>
        private void EmitHandleAsync()
        {
            var (exact, catchAll) = BuildTree();
            _writer.WriteLine("/// <inheritdoc />");
            _writer.StartBlock($"public {Task} HandleAsync({Context} context)");
            _writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(context);");
            _writer.WriteLine("// Binding (JSON options, services) sees the application's services even without the host.");
            _writer.WriteLine("context.RequestServices ??= _services;");
            _writer.WriteLine("var method = context.Method.Value;");
            _writer.WriteLine("var methodNotAllowed = false;");
            _writer.StartBlock("switch (context.PathSegmentCount)");
            foreach (var bucket in exact)
            {
                _writer.WriteLine($"case {bucket.Key}:");
                _writer.StartBlock();
                EmitExactNode(bucket.Value, 0, bucket.Key, EmitDispatch);
                _writer.WriteLine("break;");
                _writer.EndBlock();
            }

            _writer.EndBlock();
            if (!catchAll.IsEmpty)
            {
                _writer.WriteLine();
                _writer.WriteLine("// Catch-all routes: the prefix before {*name} matches, the rest is any number of segments.");
                EmitCatchAllNode(catchAll, 0, EmitDispatch);
            }

            _writer.WriteLine();
            _writer.StartBlock("if (methodNotAllowed)");
            _writer.WriteLine($"{Results}.MethodNotAllowed(context);");
            _writer.EndBlock();
            _writer.StartBlock("else");
            _writer.WriteLine($"{Results}.NotFound(context);");
            _writer.EndBlock();
            _writer.WriteLine();
            _writer.WriteLine("return default;");
            _writer.EndBlock();
        }

        /// <summary>
        /// The decision tree of every route, shared by HandleAsync and FindQBlock so that both
        /// reach the same action for the same request: one tree per segment count, plus the catch-alls.
        /// </summary>
        private (SortedDictionary<int, Node> Exact, Node CatchAll) BuildTree()
        {
            var exact = new SortedDictionary<int, Node>();
            var catchAll = new Node();
            exact[2] = new Node();
            exact[2].Add(_wellKnownCore, new RouteEntry(null, -1, null, "", default));
            foreach (var route in _routes)
            {
                var segments = route.Segments.ToArray();
                if (segments.Length > 0 && segments[segments.Length - 1].Kind == SegmentKind.CatchAll)
                {
                    catchAll.Add(segments.Take(segments.Length - 1).ToArray(), route);
                    continue;
                }

                if (!exact.TryGetValue(segments.Length, out var root))
                {
                    exact[segments.Length] = root = new Node();
                }

                root.Add(segments, route);
            }

            return (exact, catchAll);
        }

        private void EmitExactNode(Node node, int depth, int count, Action<List<RouteEntry>> emitDispatch)
        {
            if (depth == count)
            {
                emitDispatch(node.Routes);
                return;
            }

            EmitChildren(node, depth, child => EmitExactNode(child, depth + 1, count, emitDispatch));
        }

        private void EmitCatchAllNode(Node node, int depth, Action<List<RouteEntry>> emitDispatch)
        {
            if (node.Children.Count > 0)
            {
                _writer.StartBlock($"if (context.PathSegmentCount > {depth})");
                EmitChildren(node, depth, child => EmitCatchAllNode(child, depth + 1, emitDispatch));
                _writer.EndBlock();
            }

            if (node.Routes.Count > 0)
            {
                emitDispatch(node.Routes);
            }
        }

        private void EmitChildren(Node node, int depth, Action<Node> emitChild)
        {
            var segment = $"s{depth}";
            if (node.Children.Any(static c => c.Kind == SegmentKind.Literal || c.Constraint.Length > 0))
            {
                _writer.WriteLine($"var {segment} = context.GetPathSegment({depth});");
            }

            // Literals exclude each other (else if); parameters after them are tried whatever the literals did.
            var literal = 0;
            foreach (var child in node.OrderedChildren())
            {
                if (child.Kind == SegmentKind.Literal)
                {
                    var keyword = literal++ == 0 ? "if" : "else if";
                    _writer.StartBlock($"{keyword} (global::System.MemoryExtensions.SequenceEqual({segment}, {Utf8Literal(child.Value)}))");
                }
                else if (child.Constraint.Length > 0)
                {
                    _writer.StartBlock($"if ({Binder}.TryParse({segment}, out {ConstraintType(child.Constraint)} _)) // {{:{child.Constraint}}}");
                }
                else
                {
                    _writer.StartBlock("// {parameter}");
                }

                emitChild(child.Node);
                _writer.EndBlock();
            }
        }

        private void EmitDispatch(List<RouteEntry> routes)
        {
            foreach (var route in routes)
            {
                if (route.Action is null)
                {
                    _writer.WriteLine("// GET /.well-known/core: the link-format document (RFC 6690)");
                    _writer.StartBlock("if (method == 1)");
                    _writer.WriteLine("Discovery.WriteTo(context);");
                    _writer.WriteLine("return default;");
                    _writer.EndBlock();
                    continue;
                }

                var action = route.Action;
                _writer.WriteLine($"// {MethodName(action.Method)} {OneLine(action.Template)}: {route.Controller.DisplayName}.{action.Signature}");
                _writer.StartBlock($"if (method == {(int)action.Method})");
                _writer.WriteLine($"return {route.HandlerName}(context);");
                _writer.EndBlock();
            }

            _writer.WriteLine("methodNotAllowed = true;");
        }

        private static string ConstraintType(string constraint) => constraint switch
        {
            "guid" => "global::System.Guid",
            _ => constraint,
        };

        /// <summary>A node of the decision tree: children by segment, and the routes that end here.</summary>
        private sealed class Node
        {
            public List<Child> Children { get; } = [];

            public List<RouteEntry> Routes { get; } = [];

            public bool IsEmpty => Children.Count == 0 && Routes.Count == 0;

            public void Add(IReadOnlyList<RouteSegmentSpec> segments, RouteEntry route)
            {
                var node = this;
                foreach (var segment in segments)
                {
                    // Parameters merge by constraint: names only matter when binding.
                    var key = segment.Kind == SegmentKind.Literal ? segment.Value : "";
                    var constraint = segment.Kind == SegmentKind.Literal ? "" : segment.Constraint;
                    var child = node.Children.FirstOrDefault(c => c.Kind == segment.Kind && c.Value == key && c.Constraint == constraint);
                    if (child is null)
                    {
                        child = new Child(segment.Kind, key, constraint, new Node());
                        node.Children.Add(child);
                    }

                    node = child.Node;
                }

                node.Routes.Add(route);
            }

            /// <summary>Literals (ordinal order), then constrained parameters (in the order of <see cref="Parser.Constraints"/>), then plain parameters.</summary>
            public IEnumerable<Child> OrderedChildren() =>
                Children.Where(static c => c.Kind == SegmentKind.Literal).OrderBy(static c => c.Value, StringComparer.Ordinal)
                    .Concat(Children.Where(static c => c.Kind != SegmentKind.Literal && c.Constraint.Length > 0)
                        .OrderBy(static c => IndexOf(Parser.Constraints, c.Constraint)))
                    .Concat(Children.Where(static c => c.Kind != SegmentKind.Literal && c.Constraint.Length == 0));

            private static int IndexOf(IReadOnlyList<string> list, string value)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] == value)
                    {
                        return i;
                    }
                }

                return list.Count;
            }
        }

        private sealed class Child(SegmentKind kind, string value, string constraint, Node node)
        {
            public SegmentKind Kind { get; } = kind;

            public string Value { get; } = value;

            public string Constraint { get; } = constraint;

            public Node Node { get; } = node;
        }
    }
}
