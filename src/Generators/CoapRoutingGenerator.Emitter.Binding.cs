using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>
        /// Binds one parameter from the request (route, query, payload) into <c>arg{index}</c>,
        /// answering 4.00/4.15 and returning on failure, before any scope or controller exists.
        /// Returns the argument expression; services are bound later, inside the scope.
        /// </summary>
        private string EmitRequestBinding(ParameterSpec parameter, int index)
        {
            var arg = $"arg{index}";
            switch (parameter.Source)
            {
                case ParameterSource.Context:
                    return "context";
                case ParameterSource.CancellationToken:
                    return "context.RequestAborted";
                case ParameterSource.Services:
                    return arg;
                case ParameterSource.CatchAll:
                    _needsJoinSegments = true;
                    _writer.WriteLine($"var {arg} = JoinSegments(context, {parameter.SegmentIndex});");
                    return arg;
                case ParameterSource.Route:
                    EmitRouteBinding(parameter, arg);
                    return arg;
                case ParameterSource.Query:
                    EmitQueryBinding(parameter, arg, index);
                    return arg;
                default:
                    EmitPayloadBinding(parameter, arg, index);
                    return arg;
            }
        }

        private void EmitServiceBindings(ActionSpec action)
        {
            for (var i = 0; i < action.Parameters.Count; i++)
            {
                var parameter = action.Parameters[i];
                if (parameter.Source == ParameterSource.Services)
                {
                    var resolve = parameter.IsNullable ? "GetService" : "GetRequiredService";
                    _writer.WriteLine($"var arg{i} = {ServiceExtensions}.{resolve}<{parameter.ValueTypeName}>(services);");
                }
            }
        }

        private void EmitRouteBinding(ParameterSpec parameter, string arg)
        {
            var segment = $"context.GetPathSegment({parameter.SegmentIndex})";
            if (parameter.ValueKind == ValueKind.String)
            {
                _writer.WriteLine($"var {arg} = global::System.Text.Encoding.UTF8.GetString({segment});");
                return;
            }

            EmitParse(parameter, segment, arg);
        }

        private void EmitQueryBinding(ParameterSpec parameter, string arg, int index)
        {
            var query = $"query{index}";
            _writer.WriteLine($"{LocalType(parameter)} {arg};");
            _writer.StartBlock($"if (context.TryGetQueryParameter({Utf8Literal(parameter.Key)}, out var {query}))");
            if (parameter.ValueKind == ValueKind.String)
            {
                _writer.WriteLine($"{arg} = global::System.Text.Encoding.UTF8.GetString({query});");
            }
            else
            {
                EmitParse(parameter, query, $"value{index}");
                _writer.WriteLine($"{arg} = value{index};");
            }

            _writer.EndBlock();
            _writer.StartBlock("else");
            EmitMissing(parameter, arg);
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>The request body as a PipeReader: the context's when the framework streams bodies, else one over the payload (no copy).</summary>
        private static string BodyReader(ParameterSpec parameter) => parameter.UsesBodyReader
            ? "context.BodyReader"
            : $"{Binder}.ReadBody(context)";

        private void EmitPayloadBinding(ParameterSpec parameter, string arg, int index)
        {
            switch (parameter.ValueKind)
            {
                case ValueKind.Bytes:
                    _writer.WriteLine($"var {arg} = {Binder}.ReadBytes(context);");
                    return;
                case ValueKind.Memory:
                    _writer.WriteLine($"var {arg} = context.Payload;");
                    return;
                case ValueKind.PipeReader:
                    _writer.WriteLine($"var {arg} = {BodyReader(parameter)};");
                    return;
                case ValueKind.Stream:
                    _writer.WriteLine($"var {arg} = {BodyReader(parameter)}.AsStream();");
                    return;
                case ValueKind.String:
                    EmitContentFormatCheck("0");
                    _writer.WriteLine($"var {arg} = {Binder}.ReadText(context);");
                    return;
            }

            var json = parameter.ValueKind == ValueKind.Json;
            EmitContentFormatCheck(json ? "50, 60" : "0");
            _writer.WriteLine($"{LocalType(parameter)} {arg};");
            var optional = parameter.IsNullable || parameter.DefaultValue is not null;
            if (optional)
            {
                _writer.StartBlock("if (context.Payload.IsEmpty)");
                EmitMissing(parameter, arg);
                _writer.EndBlock();
                _writer.StartBlock("else");
            }

            var value = $"value{index}";
            if (json)
            {
                var error = $"error{index}";
                _writer.StartBlock($"if (!{Binder}.TryReadObject<{parameter.ValueTypeName}>(context, out var {value}, out var {error}))");
                _writer.WriteLine($"{Results}.BindingFailed(context, {StringLiteral(parameter.Name)}, {error} ?? \"invalid JSON\");");
                _writer.WriteLine("return default;");
                _writer.EndBlock();
                _writer.WriteLine();
                if (!parameter.IsValueType && !parameter.IsNullable)
                {
                    _writer.StartBlock($"if ({value} is null)");
                    _writer.WriteLine($"{Results}.BindingFailed(context, {StringLiteral(parameter.Name)}, \"a value is required\");");
                    _writer.WriteLine("return default;");
                    _writer.EndBlock();
                    _writer.WriteLine();
                }
            }
            else
            {
                EmitParse(parameter, "context.Payload.Span", value);
            }

            _writer.WriteLine($"{arg} = {value};");
            if (optional)
            {
                _writer.EndBlock();
            }

            _writer.WriteLine();
        }

        /// <summary>Parses UTF-8 <paramref name="source"/> into a new local, or answers 4.00 naming the value and type.</summary>
        private void EmitParse(ParameterSpec parameter, string source, string target)
        {
            _needsInvalidValue = true;
            var parse = parameter.ValueKind == ValueKind.Enum
                ? $"{Binder}.TryParseEnum<{parameter.ValueTypeName}>({source}, out {parameter.ValueTypeName} {target})"
                : $"{Binder}.TryParse({source}, out {parameter.ValueTypeName} {target})";
            var name = parameter.Key.Length > 0 ? parameter.Key : parameter.Name;
            _writer.StartBlock($"if (!{parse})");
            _writer.WriteLine($"{Results}.BindingFailed(context, {StringLiteral(name)}, InvalidValue({source}, {StringLiteral(TypeLabel(parameter))}));");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>A missing query value or empty payload: the default value, null, or 4.00.</summary>
        private void EmitMissing(ParameterSpec parameter, string arg)
        {
            if (parameter.DefaultValue is { } defaultValue)
            {
                var suppress = defaultValue == "default" && !parameter.IsValueType && !parameter.IsNullable ? "!" : "";
                _writer.WriteLine($"{arg} = {defaultValue}{suppress};");
            }
            else if (parameter.IsNullable)
            {
                _writer.WriteLine($"{arg} = null;");
            }
            else
            {
                var name = parameter.Key.Length > 0 ? parameter.Key : parameter.Name;
                _writer.WriteLine($"{Results}.BindingFailed(context, {StringLiteral(name)}, \"a value is required\");");
                _writer.WriteLine("return default;");
            }
        }

        private void EmitContentFormatCheck(string formats)
        {
            _writer.StartBlock($"if (!{Binder}.HasContentFormat(context, stackalloc ushort[] {{ {formats} }}))");
            _writer.WriteLine($"{Results}.UnsupportedContentFormat(context);");
            _writer.WriteLine("return default;");
            _writer.EndBlock();
            _writer.WriteLine();
        }

        /// <summary>The local's type: the declared one, made nullable when a missing value binds as null.</summary>
        private static string LocalType(ParameterSpec parameter) =>
            parameter.IsNullable && !parameter.IsValueType ? parameter.ValueTypeName + "?" : parameter.TypeName;

        /// <summary>The type named in a 4.00 payload: "Int32", "Guid", the enum's name.</summary>
        private static string TypeLabel(ParameterSpec parameter) => parameter.ValueKind switch
        {
            ValueKind.Enum => parameter.ValueTypeName.Substring(parameter.ValueTypeName.LastIndexOf('.') + 1),
            _ => parameter.ValueKind.ToString(),
        };
    }
}
