using System;
using System.Globalization;
using System.Linq;
using Coap.Generators.Helpers;
using Coap.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Decides where a parameter comes from and how it converts. Null when it binds; otherwise
        /// the reason it cannot (empty: the type already has an error, so say nothing more).
        /// </summary>
        /// <remarks>
        /// Order: binding attributes; CoapContext and CancellationToken; names in the template;
        /// simple types from the query; interfaces from the services; anything else from the payload.
        /// </remarks>
        private static string? ParseParameter(IParameterSymbol parameter, EquatableArray<RouteSegmentSpec> segments, KnownTypes known, ref bool payloadBound, out ParameterSpec? spec)
        {
            spec = null;
            var type = parameter.Type;
            if (ContainsErrorType(type))
            {
                return "";
            }

            if (parameter.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter)
            {
                return "ref and out parameters cannot be bound";
            }

            if (type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || type.TypeKind == TypeKind.Dynamic || parameter.IsParams)
            {
                return $"'{type.ToDisplayString()}' cannot be bound";
            }

            var fromRoute = FindAttribute(parameter, known.FromRouteAttribute);
            var fromQuery = FindAttribute(parameter, known.FromQueryAttribute);
            var fromPayload = FindAttribute(parameter, known.FromPayloadAttribute);
            var fromServices = FindAttribute(parameter, known.FromServicesAttribute);
            var attributeCount = new[] { fromRoute, fromQuery, fromPayload, fromServices }.Count(static a => a is not null);
            if (attributeCount > 1)
            {
                return "it has more than one of [FromRoute], [FromQuery], [FromPayload] and [FromServices]";
            }

            var baseSpec = new ParameterSpec
            {
                Name = parameter.Name,
                Source = ParameterSource.Services,
                ValueKind = ValueKind.None,
                TypeName = type.ToDisplayString(_typeName),
                ValueTypeName = UnderlyingType(type).ToDisplayString(_typeNameWithoutNullable),
                IsNullable = IsNullable(type),
                IsValueType = type.IsValueType,
                DefaultValue = parameter.HasExplicitDefaultValue ? FormatDefaultValue(parameter) : null,
            };

            if (fromServices is not null)
            {
                spec = baseSpec;
                return null;
            }

            if (fromRoute is null && fromQuery is null && fromPayload is null)
            {
                if (SymbolEqualityComparer.Default.Equals(type, known.CoapContext))
                {
                    spec = baseSpec with { Source = ParameterSource.Context };
                    return null;
                }

                if (KnownTypes.Is(type, known.CancellationToken))
                {
                    spec = baseSpec with { Source = ParameterSource.CancellationToken };
                    return null;
                }
            }

            var simple = GetSimpleKind(type, known);
            var routeName = fromRoute is not null ? NamedString(fromRoute, "Name") ?? parameter.Name : parameter.Name;
            var segmentIndex = fromQuery is null && fromPayload is null ? IndexOfParameter(segments, routeName) : -1;
            if (fromRoute is not null && segmentIndex < 0)
            {
                return $"the route template has no parameter '{{{routeName}}}'";
            }

            if (segmentIndex >= 0)
            {
                var segment = segments[segmentIndex];
                if (segment.Kind == SegmentKind.CatchAll)
                {
                    if (type.SpecialType != SpecialType.System_String)
                    {
                        return $"the catch-all '{{*{segment.Value}}}' binds to string only";
                    }

                    spec = baseSpec with { Source = ParameterSource.CatchAll, ValueKind = ValueKind.String, Key = segment.Value, SegmentIndex = segmentIndex };
                    return null;
                }

                if (simple == ValueKind.None)
                {
                    return $"the route value '{segment.Value}' binds to string, a number, bool, Guid or an enum, not '{type.ToDisplayString()}'";
                }

                spec = baseSpec with { Source = ParameterSource.Route, ValueKind = simple, Key = segment.Value, SegmentIndex = segmentIndex };
                return null;
            }

            if (fromQuery is not null || (fromPayload is null && simple != ValueKind.None))
            {
                if (simple == ValueKind.None)
                {
                    return $"a query parameter binds to string, a number, bool, Guid or an enum, not '{type.ToDisplayString()}'";
                }

                var queryName = fromQuery is not null ? NamedString(fromQuery, "Name") ?? parameter.Name : parameter.Name;
                spec = baseSpec with { Source = ParameterSource.Query, ValueKind = simple, Key = queryName };
                return null;
            }

            if (fromPayload is null && type.TypeKind == TypeKind.Interface && !IsByteArray(type))
            {
                spec = baseSpec;
                return null;
            }

            // The payload: bytes, memory, the body as a reader or stream, text, a simple value as text, or JSON.
            var payloadKind = IsByteArray(type) ? ValueKind.Bytes
                : IsReadOnlyMemoryOfByte(type, known) ? ValueKind.Memory
                : KnownTypes.Is(type, known.PipeReader) ? ValueKind.PipeReader
                : KnownTypes.Is(type, known.Stream) ? ValueKind.Stream
                : simple != ValueKind.None ? simple
                : type is ITypeParameterSymbol || type.TypeKind == TypeKind.Delegate ? ValueKind.None
                : ValueKind.Json;
            if (payloadKind == ValueKind.None)
            {
                return $"'{type.ToDisplayString()}' cannot be read from the payload";
            }

            if (payloadBound)
            {
                return "only one parameter can bind the payload";
            }

            payloadBound = true;
            spec = baseSpec with
            {
                Source = ParameterSource.Payload,
                ValueKind = payloadKind,
                UsesBodyReader = known.HasBodyReader && payloadKind is ValueKind.PipeReader or ValueKind.Stream,
            };
            return null;
        }

        private static ValueKind GetSimpleKind(ITypeSymbol type, KnownTypes known)
        {
            var underlying = UnderlyingType(type);
            if (underlying.TypeKind == TypeKind.Enum)
            {
                return ValueKind.Enum;
            }

            if (KnownTypes.Is(underlying, known.Guid))
            {
                return ValueKind.Guid;
            }

            return underlying.SpecialType switch
            {
                SpecialType.System_String => ValueKind.String,
                SpecialType.System_Int32 => ValueKind.Int32,
                SpecialType.System_Int64 => ValueKind.Int64,
                SpecialType.System_UInt32 => ValueKind.UInt32,
                SpecialType.System_UInt16 => ValueKind.UInt16,
                SpecialType.System_Double => ValueKind.Double,
                SpecialType.System_Boolean => ValueKind.Boolean,
                _ => ValueKind.None,
            };
        }

        /// <summary>T for Nullable&lt;T&gt;; the type without its nullable annotation otherwise.</summary>
        private static ITypeSymbol UnderlyingType(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

        /// <summary>Nullable&lt;T&gt;, or a reference type annotated '?' or declared where nullability is off.</summary>
        private static bool IsNullable(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
            || (!type.IsValueType && type.NullableAnnotation != NullableAnnotation.NotAnnotated);

        private static bool IsByteArray(ITypeSymbol type) =>
            type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

        private static bool IsReadOnlyMemoryOfByte(ITypeSymbol type, KnownTypes known) =>
            KnownTypes.Is(type, known.ReadOnlyMemoryOfT)
            && type is INamedTypeSymbol { TypeArguments.Length: 1 } memory
            && memory.TypeArguments[0].SpecialType == SpecialType.System_Byte;

        private static bool ContainsErrorType(ITypeSymbol type) => type switch
        {
            IErrorTypeSymbol => true,
            IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
            _ => false,
        };

        private static int IndexOfParameter(EquatableArray<RouteSegmentSpec> segments, string name)
        {
            for (var i = 0; i < segments.Count; i++)
            {
                if (segments[i].Kind != SegmentKind.Literal && string.Equals(segments[i].Value, name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        private static AttributeData? FindAttribute(IParameterSymbol parameter, INamedTypeSymbol? attributeType) =>
            attributeType is null
                ? null
                : parameter.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

        private static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == name && named.Value.Value is string { Length: > 0 } value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>The default value as a C# expression of the parameter's type.</summary>
        private static string FormatDefaultValue(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            var type = UnderlyingType(parameter.Type);
            var typeName = type.ToDisplayString(_typeNameWithoutNullable);
            switch (value)
            {
                case null:
                    return IsNullable(parameter.Type) ? "null" : "default";
                case string text:
                    return SymbolDisplay.FormatLiteral(text, quote: true);
                case bool flag:
                    return flag ? "true" : "false";
                case char character:
                    return SymbolDisplay.FormatLiteral(character, quote: true);
                case double number when double.IsNaN(number) || double.IsInfinity(number):
                    return double.IsNaN(number) ? "double.NaN" : number > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                case float number when float.IsNaN(number) || float.IsInfinity(number):
                    return float.IsNaN(number) ? "float.NaN" : number > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
                case double number:
                    return "(" + number.ToString("R", CultureInfo.InvariantCulture) + "d)";
                case float number:
                    return "(" + number.ToString("R", CultureInfo.InvariantCulture) + "f)";
                case decimal number:
                    return "(" + number.ToString(CultureInfo.InvariantCulture) + "m)";
                default:
                    return "(" + typeName + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
            }
        }
    }
}
