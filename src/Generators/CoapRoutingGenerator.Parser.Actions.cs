using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coap.Generators.Diagnostics;
using Coap.Generators.Helpers;
using Coap.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        private static readonly Dictionary<string, RequestMethod> _methods = new()
        {
            ["Coap.GetAttribute"] = RequestMethod.Get,
            ["Coap.PostAttribute"] = RequestMethod.Post,
            ["Coap.PutAttribute"] = RequestMethod.Put,
            ["Coap.DeleteAttribute"] = RequestMethod.Delete,
            ["Coap.FetchAttribute"] = RequestMethod.Fetch,
            ["Coap.PatchAttribute"] = RequestMethod.Patch,
            ["Coap.IPatchAttribute"] = RequestMethod.IPatch,
        };

        /// <summary>
        /// Attributes that switch on a protocol feature for an action, by full name. Their
        /// presence lands in <see cref="ActionSpec.Features"/> and their named arguments in
        /// <see cref="ActionSpec.FeatureParameters"/>; the attributes themselves come with the features.
        /// </summary>
        private static readonly Dictionary<string, string> _features = new()
        {
            ["Coap.ObservableAttribute"] = "Observable",
            ["Coap.GroupObservableAttribute"] = "GroupObservable",
            ["Coap.SafeForDeterministicAttribute"] = "SafeForDeterministic",
            ["Coap.BindingAttribute"] = "Binding",
            ["Coap.QBlockAttribute"] = "QBlock",
        };

        private static ActionSpec? ParseAction(IMethodSymbol method, AttributeData attribute, string prefix, string controllerName, KnownTypes known, List<DiagnosticInfo> diagnostics)
        {
            var actionName = controllerName + "." + method.Name;
            var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
            var methodLocation = method.Locations.FirstOrDefault();
            var attributeName = attribute.AttributeClass!.ToDisplayString();
            if (!_methods.TryGetValue(attributeName, out var requestMethod))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.COAP1006_ActionNotCallable, attributeLocation, actionName, $"'{attributeName}' is not one of the method attributes [Get], [Post], [Put], [Delete], [Fetch], [Patch], [IPatch]"));
                return null;
            }

            if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.COAP1006_ActionNotCallable, methodLocation, actionName, "it is not public or internal"));
                return null;
            }

            if (method.IsGenericMethod)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.COAP1006_ActionNotCallable, methodLocation, actionName, "it is generic"));
                return null;
            }

            var template = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string text ? text : "";
            if (ParseTemplate(prefix, template, out var segments) is { } templateProblem)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.COAP1001_InvalidRouteTemplate, attributeLocation, JoinTemplate(prefix, template), actionName, templateProblem));
                return null;
            }

            var usable = true;
            var parameters = new List<ParameterSpec>();
            var payloadBound = false;
            foreach (var parameter in method.Parameters)
            {
                var binding = ParseParameter(parameter, segments, known, ref payloadBound, out var spec);
                if (binding is not null)
                {
                    usable = false;
                    if (binding.Length > 0)
                    {
                        diagnostics.Add(Report(DiagnosticDescriptors.COAP1002_UnsupportedParameter, parameter.Locations.FirstOrDefault() ?? methodLocation, parameter.Name, actionName, binding));
                    }
                }
                else
                {
                    parameters.Add(spec!);
                }
            }

            var returnProblem = ParseReturn(method, known, out var returnSpec);
            if (returnProblem is not null)
            {
                usable = false;
                if (returnProblem.Length > 0)
                {
                    diagnostics.Add(Report(DiagnosticDescriptors.COAP1003_UnsupportedReturnType, methodLocation, actionName, method.ReturnType.ToDisplayString(), returnProblem));
                }
            }

            if (!usable)
            {
                return null;
            }

            var action = new ActionSpec
            {
                MethodName = EscapeIdentifier(method.Name),
                Method = requestMethod,
                Template = JoinTemplate(prefix, template),
                Segments = segments,
                Parameters = parameters.ToEquatableArray(),
                Return = returnSpec!,
                IsStatic = method.IsStatic,
                Signature = method.Name + "(" + string.Join(", ", method.Parameters.Select(static p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")",
            };
            return ReadMetadata(method, action);
        }

        /// <summary>Adds the discovery attributes, [MaxAge] and the feature attributes.</summary>
        private static ActionSpec ReadMetadata(IMethodSymbol method, ActionSpec action)
        {
            var features = new List<string>();
            var featureParameters = new List<FeatureParameterSpec>();
            foreach (var attribute in method.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                var args = attribute.ConstructorArguments;
                switch (name)
                {
                    case "Coap.ResourceTypeAttribute":
                        action = action with { ResourceTypes = Strings(args) };
                        break;
                    case "Coap.InterfaceAttribute":
                        action = action with { Interfaces = Strings(args) };
                        break;
                    case "Coap.ContentFormatAttribute":
                        action = action with { ContentFormats = Values(args).Select(static v => System.Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToEquatableArray() };
                        break;
                    case "Coap.MaxAgeAttribute" when args.Length == 1 && args[0].Value is uint seconds:
                        action = action with { MaxAge = seconds };
                        break;
                    case "Coap.TitleAttribute" when args.Length == 1 && args[0].Value is string title:
                        action = action with { Title = title };
                        break;
                    case "Coap.SizeEstimateAttribute" when args.Length == 1 && args[0].Value is uint bytes:
                        action = action with { SizeEstimate = bytes };
                        break;
                    case not null when _features.TryGetValue(name, out var feature):
                        features.Add(feature);
                        foreach (var named in attribute.NamedArguments)
                        {
                            featureParameters.Add(new FeatureParameterSpec { Feature = feature, Name = named.Key, Value = named.Value.IsNull ? "null" : named.Value.ToCSharpString() });
                        }

                        break;
                }
            }

            return action with { Features = features.ToEquatableArray(), FeatureParameters = featureParameters.ToEquatableArray() };
        }

        private static IEnumerable<object> Values(System.Collections.Immutable.ImmutableArray<TypedConstant> args)
        {
            foreach (var arg in args)
            {
                if (arg.Kind == TypedConstantKind.Array)
                {
                    foreach (var item in arg.Values)
                    {
                        if (item.Value is { } value)
                        {
                            yield return value;
                        }
                    }
                }
                else if (arg.Value is { } value)
                {
                    yield return value;
                }
            }
        }

        private static EquatableArray<string> Strings(System.Collections.Immutable.ImmutableArray<TypedConstant> args) =>
            Values(args).OfType<string>().ToEquatableArray();

        /// <summary>Null when the return type is supported; otherwise the reason (empty: already an error, say nothing).</summary>
        private static string? ParseReturn(IMethodSymbol method, KnownTypes known, out ReturnSpec? spec)
        {
            spec = null;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return "actions cannot return by reference";
            }

            var declared = method.ReturnType;
            var typeName = method.ReturnsVoid ? "void" : declared.ToDisplayString(_typeName);
            if (method.ReturnsVoid)
            {
                spec = new ReturnSpec { Kind = ReturnKind.Void, Async = AsyncKind.None, TypeName = "void", ValueTypeName = "void" };
                return null;
            }

            var async = AsyncKind.None;
            ITypeSymbol? value = declared;
            if (KnownTypes.Is(declared, known.Task) || KnownTypes.Is(declared, known.ValueTask))
            {
                async = KnownTypes.Is(declared, known.Task) ? AsyncKind.Task : AsyncKind.ValueTask;
                value = null;
            }
            else if (declared is INamedTypeSymbol { TypeArguments.Length: 1 } generic
                && (KnownTypes.Is(declared, known.TaskOfT) || KnownTypes.Is(declared, known.ValueTaskOfT)))
            {
                async = KnownTypes.Is(declared, known.TaskOfT) ? AsyncKind.Task : AsyncKind.ValueTask;
                value = generic.TypeArguments[0];
            }

            if (value is null)
            {
                spec = new ReturnSpec { Kind = ReturnKind.Void, Async = async, TypeName = typeName, ValueTypeName = "void" };
                return null;
            }

            if (ContainsErrorType(value))
            {
                return "";
            }

            var problem = ClassifyResult(value, known, out var kind);
            if (problem is not null)
            {
                return problem;
            }

            spec = new ReturnSpec { Kind = kind, Async = async, TypeName = typeName, ValueTypeName = value.ToDisplayString(_typeName) };
            return null;
        }

        private static string? ClassifyResult(ITypeSymbol type, KnownTypes known, out ReturnKind kind)
        {
            kind = ReturnKind.Json;
            if (type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || type.TypeKind is TypeKind.Delegate or TypeKind.Dynamic || type is ITypeParameterSymbol)
            {
                return "it is not a value that can be written as a payload";
            }

            if (KnownTypes.Is(type, known.Task) || KnownTypes.Is(type, known.TaskOfT) || KnownTypes.Is(type, known.ValueTask) || KnownTypes.Is(type, known.ValueTaskOfT))
            {
                return "a task of a task is awaited only once";
            }

            if (KnownTypes.Is(type, known.AsyncEnumerableOfT))
            {
                return "streams (IAsyncEnumerable) are not supported";
            }

            if (SymbolEqualityComparer.Default.Equals(type, known.CoapResult))
            {
                kind = ReturnKind.CoapResult;
                return null;
            }

            if (IsByteArray(type))
            {
                kind = ReturnKind.Bytes;
                return null;
            }

            if (IsReadOnlyMemoryOfByte(type, known))
            {
                kind = ReturnKind.Memory;
                return null;
            }

            kind = type.SpecialType switch
            {
                SpecialType.System_String => ReturnKind.String,
                SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte => ReturnKind.Int32,
                SpecialType.System_Int64 or SpecialType.System_UInt32 => ReturnKind.Int64,
                SpecialType.System_Double or SpecialType.System_Single => ReturnKind.Double,
                SpecialType.System_Boolean => ReturnKind.Boolean,
                _ => ReturnKind.Json,
            };
            return null;
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
