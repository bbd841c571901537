using System.Collections.Generic;
using System.Linq;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        private static readonly string[] s_bindingDefaults = ["MinPeriod", "MaxPeriod", "Step", "GreaterThan", "LessThan", "Band", "Confirmable"];

        private static bool IsObservable(ActionSpec action) =>
            action.Features.Contains("Observable") && action.Method is RequestMethod.Get or RequestMethod.Fetch;

        /// <summary>Observable actions read Observe and the conditional query first; invalid conditions answer 4.00.</summary>
        private void EmitObserveCheck(RouteEntry route)
        {
            if (!IsObservable(route.Action!))
            {
                return;
            }

            var defaults = HasBindingDefaults(route.Action!) ? ObserveDefaultsField(route) : "";
            _writer.StartBlock($"if (!context.EnableObserve({defaults}))");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>The [Binding] defaults of each observable action, as static fields of the router.</summary>
        private void EmitObserveDefaults()
        {
            foreach (var route in _routes.Where(static r => r.Action is { } a && IsObservable(a) && HasBindingDefaults(a)))
            {
                var assignments = route.Action!.FeatureParameters
                    .Where(IsBindingDefault)
                    .Select(static p => $"{p.Name} = {p.Value}");
                _writer.WriteLine($"private static readonly global::Coap.ConditionalAttributes {ObserveDefaultsField(route)} = new global::Coap.ConditionalAttributes {{ {string.Join(", ", assignments)} }};");
            }
        }

        private static bool HasBindingDefaults(ActionSpec action) =>
            action.FeatureParameters.Any(IsBindingDefault);

        /// <summary>A [Binding] value that sets a condition: false flags and MinPeriod = 0 ("no minimum", COAP4003) set none.</summary>
        private static bool IsBindingDefault(FeatureParameterSpec p) =>
            p.Feature == "Binding" && s_bindingDefaults.Contains(p.Name) && p.Value != "false" && !(p.Name == "MinPeriod" && p.Value == "0");

        private static string ObserveDefaultsField(RouteEntry route) => "s_observeDefaults_" + route.HandlerName;

        /// <summary>
        /// One <c>Notify{Action}</c> extension per observable action on <c>ICoapNotifier&lt;TController&gt;</c>,
        /// taking the route values and building the resource's path.
        /// </summary>
        private void EmitNotifierExtensions()
        {
            var observable = _routes.Where(static r => r.Action is { } a && IsObservable(a)).ToList();
            if (observable.Count == 0)
            {
                return;
            }

            _writer.WriteLine();
            _writer.StartBlock("namespace Coap");
            _writer.WriteLine("/// <summary>Typed change signals for the application's <c>[Observable]</c> actions (generated).</summary>");
            _writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"Coap.Generators\", \"{Version}\")]");
            _writer.StartBlock("internal static class CoapGeneratedNotifierExtensions");
            var names = new HashSet<string>();
            var first = true;
            foreach (var route in observable)
            {
                var action = route.Action!;
                var baseName = "Notify" + action.MethodName.TrimStart('@');
                var name = baseName;
                for (var n = 2; !names.Add(route.Controller.TypeName + "." + name); n++)
                {
                    name = baseName + n;
                }

                if (!first)
                {
                    _writer.WriteLine();
                }

                first = false;
                EmitNotifyMethod(route, name);
            }

            _writer.EndBlock();
            _writer.EndBlock();
        }

        private void EmitNotifyMethod(RouteEntry route, string name)
        {
            var action = route.Action!;
            var parameters = new List<string> { $"this global::Coap.ICoapNotifier<{route.Controller.TypeName}> notifier" };
            var parts = new List<string>();
            var literal = "";
            foreach (var segment in action.Segments)
            {
                if (segment.Kind == SegmentKind.Literal)
                {
                    literal += "/" + segment.Value;
                    continue;
                }

                parts.Add(StringLiteral(literal + "/"));
                literal = "";
                var bound = action.Parameters.FirstOrDefault(p => p.Source is ParameterSource.Route or ParameterSource.CatchAll && p.Key == segment.Value);
                var type = bound?.ValueTypeName ?? "string";
                var parameterName = "@" + segment.Value;
                parameters.Add($"{type} {parameterName}");
                parts.Add(type == "string" ? parameterName : $"global::System.Convert.ToString({parameterName}, global::System.Globalization.CultureInfo.InvariantCulture)");
            }

            if (literal.Length > 0 || parts.Count == 0)
            {
                parts.Add(StringLiteral(literal.Length > 0 ? literal : "/"));
            }

            _writer.WriteLine($"/// <summary>Signals that <c>{MethodName(action.Method)} {Xml(action.Template)}</c> (<c>{Xml(route.Controller.DisplayName)}.{Xml(action.Signature)}</c>) changed: its observers get notified.</summary>");
            _writer.WriteLine("/// <param name=\"notifier\">The controller's notifier.</param>");
            _writer.StartBlock($"public static void {name}({string.Join(", ", parameters)})");
            _writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(notifier);");
            _writer.WriteLine($"notifier.Notify({(parts.Count == 1 ? parts[0] : "string.Concat(" + string.Join(", ", parts) + ")")});");
            _writer.EndBlock();
        }
    }
}
