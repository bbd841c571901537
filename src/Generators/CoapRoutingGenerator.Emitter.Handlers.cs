using System.Linq;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// Writes one action's thunk: Accept check, binding, activation, invocation, result.
        /// Synchronous actions (and tasks that completed synchronously) finish without an async
        /// state machine; a pending task continues in a separate <c>Await…</c> method.
        /// </summary>
        private void EmitHandler(RouteEntry route)
        {
            var action = route.Action!;
            var controller = route.Controller;
            var perRequest = controller.Lifetime == ControllerLifetimeKind.PerRequest;
            _writer.WriteLine($"/// <summary>{MethodName(action.Method)} {Xml(action.Template)}: <c>{Xml(controller.DisplayName)}.{Xml(action.Signature)}</c>.</summary>");
            _writer.StartBlock($"private {Task} {route.HandlerName}({Context} context)");
            EmitSecurityCheck(action);
            EmitMulticastCheck(action);
            EmitObserveCheck(route);
            EmitAcceptCheck(action);

            var arguments = new string[action.Parameters.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = EmitRequestBinding(action.Parameters[i], i);
            }

            var usesServices = action.Parameters.Any(static p => p.Source == ParameterSource.Services);
            if (perRequest)
            {
                _needsDisposeAndRethrow = true;
                _writer.WriteLine($"var scope = {ServiceExtensions}.CreateAsyncScope(_services);");
                _writer.StartBlock("try");
                _writer.WriteLine("var services = scope.ServiceProvider;");
                _writer.WriteLine("context.RequestServices = services;");
                EmitServiceBindings(action);
                if (!action.IsStatic)
                {
                    EmitConstructorCall("var controller = ", controller, "services");
                    _writer.WriteLine("controller.Context = context;");
                }

                EmitInvocation(route, arguments, withScope: true);
                _writer.EndBlock();
                _writer.StartBlock("catch (global::System.Exception error)");
                _writer.WriteLine("return DisposeAndRethrowAsync(scope, error);");
                _writer.EndBlock();
                _writer.WriteLine();
                _writer.WriteLine("return scope.DisposeAsync();");
            }
            else
            {
                // Singleton: no scope, and Context is not set (the instance is shared by concurrent requests).
                _writer.WriteLine("context.RequestServices = _services;");
                if (usesServices)
                {
                    _writer.WriteLine("var services = _services;");
                    EmitServiceBindings(action);
                }

                if (!action.IsStatic)
                {
                    _writer.WriteLine($"var controller = global::System.Threading.Volatile.Read(ref _singleton{route.ControllerIndex}) ?? CreateSingleton{route.ControllerIndex}();");
                }

                EmitInvocation(route, arguments, withScope: false);
                _writer.WriteLine("return default;");
            }

            _writer.EndBlock();
            if (action.Return.Async != AsyncKind.None)
            {
                _writer.WriteLine();
                EmitAwaitHandler(route, perRequest);
            }
        }

        private void EmitInvocation(RouteEntry route, string[] arguments, bool withScope)
        {
            var action = route.Action!;
            var target = action.IsStatic ? route.Controller.TypeName : "controller";
            var call = $"{target}.{action.MethodName}({string.Join(", ", arguments)})";
            var hasValue = action.Return.Kind != ReturnKind.Void;
            if (action.Return.Async == AsyncKind.None)
            {
                _writer.WriteLine(hasValue ? $"var result = {call};" : call + ";");
                EmitWriteResult(action);
                return;
            }

            _writer.WriteLine($"var pending = {call};");
            _writer.StartBlock("if (!pending.IsCompletedSuccessfully)");
            _writer.WriteLine($"return Await{route.HandlerName}(context, pending{(withScope ? ", scope" : "")});");
            _writer.EndBlock();
            _writer.WriteLine();
            if (hasValue)
            {
                _writer.WriteLine("var result = pending.Result;");
            }
            else if (action.Return.Async == AsyncKind.ValueTask)
            {
                _writer.WriteLine("pending.GetAwaiter().GetResult();");
            }

            EmitWriteResult(action);
        }

        private void EmitAwaitHandler(RouteEntry route, bool withScope)
        {
            var action = route.Action!;
            var parameters = $"{Context} context, {action.Return.TypeName} pending" + (withScope ? $", {Scope} scope" : "");
            _writer.WriteLine($"/// <summary>Finishes <see cref=\"{route.HandlerName}\"/> when the action's task did not complete synchronously.</summary>");
            _writer.StartBlock($"private static async {Task} Await{route.HandlerName}({parameters})");
            if (withScope)
            {
                _writer.StartBlock("try");
            }

            _writer.WriteLine(action.Return.Kind == ReturnKind.Void ? "await pending.ConfigureAwait(false);" : "var result = await pending.ConfigureAwait(false);");
            EmitWriteResult(action);
            if (withScope)
            {
                _writer.EndBlock();
                _writer.StartBlock("finally");
                _writer.WriteLine("await scope.DisposeAsync().ConfigureAwait(false);");
                _writer.EndBlock();
            }

            _writer.EndBlock();
        }

        /// <summary>
        /// Writes the result. void: 2.05 for GET/FETCH, 2.02 for DELETE, 2.04 otherwise. Text and
        /// binary results take the action's first [ContentFormat] instead of text/plain or
        /// application/octet-stream; other values are JSON.
        /// </summary>
        private void EmitWriteResult(ActionSpec action)
        {
            var customFormat = action.ContentFormats.Count > 0 ? action.ContentFormats[0] : -1;
            var line = action.Return.Kind switch
            {
                ReturnKind.Void => $"context.Response.Code = global::Coap.CoapCode.{VoidCode(action.Method)};",
                ReturnKind.String when customFormat is >= 0 and not 0 =>
                    $"{Results}.Write(context, global::Coap.CoapResult.WithText(global::Coap.CoapCode.Content, result ?? \"\", {customFormat}));",
                ReturnKind.Bytes or ReturnKind.Memory when customFormat is >= 0 and not 42 =>
                    $"{Results}.Write(context, global::Coap.CoapResult.WithPayload(global::Coap.CoapCode.Content, result, {customFormat}));",
                ReturnKind.Int32 => $"{Results}.Write(context, (int)result);",
                ReturnKind.Int64 => $"{Results}.Write(context, (long)result);",
                ReturnKind.Double => $"{Results}.Write(context, (double)result);",
                ReturnKind.Json => $"{Results}.WriteObject<{action.Return.ValueTypeName}>(context, result);",
                _ => $"{Results}.Write(context, result);",
            };
            _writer.WriteLine(line);
            if (action.MaxAge is { } maxAge)
            {
                _writer.WriteLine($"{Results}.ApplyMaxAge(context, {maxAge}u);");
            }
        }

        /// <summary>
        /// Answers 4.01 when the request lacks the OSCORE protection the action needs. Emitted for every
        /// action, Default included (that one consults the server's policy), and first, so a refused
        /// request registers no observer and binds nothing.
        /// </summary>
        private void EmitSecurityCheck(ActionSpec action)
        {
            _writer.StartBlock($"if (!{SecurityGate}.Permits(context, global::Coap.Routing.CoapOscoreRequirement.{action.Oscore}))");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>
        /// Ends a request that arrived via multicast, silently, when the action did not opt in with [Multicast]
        /// (RFC 7252 §11.3). Opted-in actions get no check; for unicast requests the check is one flag test.
        /// Actions marked <c>[Multicast(DelayResponses = false)]</c> instead turn the library's Leisure off.
        /// </summary>
        private void EmitMulticastCheck(ActionSpec action)
        {
            if (action.Multicast)
            {
                if (action.MulticastWithoutDelays)
                {
                    _writer.WriteLine($"{MulticastGate}.SendWithoutLeisure(context);");
                    _writer.WriteLine();
                }

                return;
            }

            _writer.StartBlock($"if (!{MulticastGate}.Permits(context))");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>Answers 4.06 before invoking when the request's Accept excludes the format the action produces.</summary>
        private void EmitAcceptCheck(ActionSpec action)
        {
            var first = action.ContentFormats.Count > 0 ? action.ContentFormats[0] : (int?)null;
            int? format = action.Return.Kind switch
            {
                ReturnKind.Void => null,
                ReturnKind.CoapResult => first,
                ReturnKind.String => first ?? 0,
                ReturnKind.Bytes or ReturnKind.Memory => first ?? 42,
                ReturnKind.Json => -1,
                _ => 0,
            };
            if (format is null)
            {
                return;
            }

            // Objects are written as JSON or CBOR, whichever the client accepts.
            _writer.StartBlock(format == -1 ? $"if (!{Results}.AcceptsObject(context))" : $"if (!{Results}.Accepts(context, {format}))");
            _writer.WriteLine($"{Results}.NotAcceptable(context);");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        private static string VoidCode(RequestMethod method) => method switch
        {
            RequestMethod.Get or RequestMethod.Fetch => "Content",
            RequestMethod.Delete => "Deleted",
            _ => "Changed",
        };
    }
}
