using System.Collections.Generic;
using System.Linq;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        private static bool HasQBlock(ActionSpec action) => action.Features.Contains("QBlock");

        private static string QBlockField(RouteEntry route) => "s_qBlock_" + route.HandlerName;

        /// <summary>"new global::Coap.QBlockAttribute { … }" with the values the user wrote.</summary>
        private static string QBlockInitializer(ActionSpec action)
        {
            var values = action.FeatureParameters.Where(static p => p.Feature == "QBlock").Select(static p => $"{p.Name} = {p.Value}").ToList();
            return values.Count == 0
                ? "new global::Coap.QBlockAttribute()"
                : $"new global::Coap.QBlockAttribute {{ {string.Join(", ", values)} }}";
        }

        /// <summary>One static [QBlock] per Q-Block action: the endpoint caches its effective parameters per instance.</summary>
        private void EmitQBlockFields()
        {
            foreach (var route in _routes.Where(static r => r.Action is { } a && HasQBlock(a)))
            {
                _writer.WriteLine($"private static readonly global::Coap.QBlockAttribute {QBlockField(route)} = {QBlockInitializer(route.Action!)};");
            }
        }

        /// <summary>
        /// Writes the <c>ICoapTransferPolicy</c> members: FindQBlock walks the same decision tree as
        /// HandleAsync (so a literal route shadows a [QBlock] parameter route exactly as it does
        /// when handling) but only reads the path, so it runs before any block is reassembled.
        /// </summary>
        private void EmitTransferPolicy()
        {
            var any = _routes.Any(static r => r.Action is { } a && HasQBlock(a));
            _writer.WriteLine("/// <inheritdoc />");
            _writer.WriteLine($"public bool HasQBlockRoutes => {(any ? "true" : "false")};");
            _writer.WriteLine();
            _writer.WriteLine("/// <inheritdoc />");
            _writer.StartBlock($"public global::Coap.QBlockAttribute? FindQBlock({Context} context)");
            _writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(context);");
            if (!any)
            {
                _writer.WriteLine("return null;");
                _writer.EndBlock();
                return;
            }

            var (exact, catchAll) = BuildTree();
            _writer.WriteLine("var method = context.Method.Value;");
            _writer.StartBlock("switch (context.PathSegmentCount)");
            foreach (var bucket in exact)
            {
                _writer.WriteLine($"case {bucket.Key}:");
                _writer.StartBlock();
                EmitExactNode(bucket.Value, 0, bucket.Key, EmitQBlockDispatch);
                _writer.WriteLine("break;");
                _writer.EndBlock();
            }

            _writer.EndBlock();
            if (ReachesQBlock(catchAll))
            {
                _writer.WriteLine();
                EmitCatchAllNode(catchAll, 0, EmitQBlockDispatch);
            }

            _writer.WriteLine();
            _writer.WriteLine("return null;");
            _writer.EndBlock();
        }

        /// <summary>The first route of the method wins, as in HandleAsync; one without [QBlock] answers null.</summary>
        private void EmitQBlockDispatch(List<RouteEntry> routes)
        {
            foreach (var route in routes)
            {
                if (route.Action is not { } action)
                {
                    _writer.StartBlock("if (method == 1)");
                    _writer.WriteLine("return null;");
                    _writer.EndBlock();
                    continue;
                }

                _writer.StartBlock($"if (method == {(int)action.Method}) // {MethodName(action.Method)} {OneLine(action.Template)}");
                _writer.WriteLine(HasQBlock(action) ? $"return {QBlockField(route)};" : "return null;");
                _writer.EndBlock();
            }
        }

        /// <summary>Whether any route under the node has [QBlock]; the catch-alls, tried last, are left out when none has.</summary>
        private static bool ReachesQBlock(Node node) =>
            node.Routes.Any(static r => r.Action is { } a && HasQBlock(a)) || node.Children.Any(static c => ReachesQBlock(c.Node));
    }
}
