using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coap.Generators.Diagnostics;
using Coap.Generators.Helpers;
using Coap.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    /// <summary>
    /// Turns one <c>[CoapController]</c> class into a <see cref="ControllerSpec"/> and diagnostics.
    /// Symbols are used here and nowhere after: everything kept is a string, number or enum.
    /// </summary>
    internal static partial class Parser
    {
        private static readonly SymbolDisplayFormat _typeName = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat _typeNameWithoutNullable = SymbolDisplayFormat.FullyQualifiedFormat;

        private static readonly SymbolDisplayFormat _displayName = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary>Reads whether the compilation references the routing contract and the hosting API.</summary>
        public static CompilationFeatures ReadCompilationFeatures(Compilation compilation)
        {
            var router = compilation.GetTypeByMetadataName("Coap.Routing.ICoapRouter");
            var application = compilation.GetTypeByMetadataName("Coap.CoapApplication");
            var hasApplication = application is not null
                && application.GetMembers("MapRouter").OfType<IMethodSymbol>().Any(static m => m.Parameters.Length == 1)
                && application.GetMembers("Services").OfType<IPropertySymbol>().Any();
            return new CompilationFeatures { HasRouting = router is not null, HasApplication = hasApplication };
        }

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var controller = context.TargetSymbol is INamedTypeSymbol type
                ? ParseController(context, type, diagnostics, cancellationToken)
                : null;
            return new ParseResult { Controller = controller, Diagnostics = diagnostics.ToEquatableArray() };
        }

        private static ControllerSpec? ParseController(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var known = new KnownTypes(context.SemanticModel.Compilation);
            if (!known.IsComplete)
            {
                return null;
            }

            var displayName = type.ToDisplayString(_displayName);
            var typeLocation = context.TargetNode is ClassDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : type.Locations.FirstOrDefault();
            if (GetControllerProblem(type, known) is { } problem)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.COAP1004_InvalidController, typeLocation, displayName, problem));
                return null;
            }

            var attribute = context.Attributes[0];
            var prefix = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string text ? text : "";
            var lifetime = ControllerLifetimeKind.PerRequest;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Lifetime" && named.Value.Value is int value)
                {
                    lifetime = value == (int)ControllerLifetimeKind.Singleton ? ControllerLifetimeKind.Singleton : ControllerLifetimeKind.PerRequest;
                }
            }

            var actions = new List<ActionSpec>();
            foreach (var method in GetActionCandidates(type, known))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var methodAttribute in method.GetAttributes())
                {
                    if (methodAttribute.AttributeClass is { } attributeClass && Inherits(attributeClass, known.CoapMethodAttribute)
                        && ParseAction(method, methodAttribute, prefix, displayName, known, diagnostics) is { } action)
                    {
                        actions.Add(action with
                        {
                            Oscore = ReadOscoreRequirement(method, type),
                            Multicast = ReadMulticast(method, type),
                            MulticastWithoutDelays = ReadMulticastWithoutDelays(method, type),
                        });
                    }
                }
            }

            var constructorParameters = EquatableArray<ServiceDependencySpec>.Empty;
            if (actions.Any(static a => !a.IsStatic))
            {
                if (!TryChooseConstructor(type, known, out constructorParameters, out var reason))
                {
                    diagnostics.Add(Report(DiagnosticDescriptors.COAP1005_NoUsableConstructor, typeLocation, displayName, reason));
                    return null;
                }
            }

            return new ControllerSpec
            {
                TypeName = type.ToDisplayString(_typeNameWithoutNullable),
                DisplayName = displayName,
                Prefix = prefix.Trim('/'),
                Lifetime = lifetime,
                ConstructorParameters = constructorParameters,
                Actions = actions.ToEquatableArray(),
            };
        }

        private static string? GetControllerProblem(INamedTypeSymbol type, KnownTypes known)
        {
            if (!Inherits(type, known.CoapController!))
            {
                return "it does not derive from Coap.CoapController";
            }

            if (type.IsAbstract || type.IsStatic)
            {
                return "it is abstract";
            }

            if (type.IsFileLocal)
            {
                return "it is file-local";
            }

            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    return current.Equals(type, SymbolEqualityComparer.Default) ? "it is generic" : $"it is nested in the generic type '{current.Name}'";
                }

                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return current.Equals(type, SymbolEqualityComparer.Default)
                        ? "it is not public or internal"
                        : $"it is nested in '{current.Name}', which is not public or internal";
                }
            }

            return null;
        }

        /// <summary>The ordinary methods of the class and its bases up to CoapController, most derived first, overridden ones left out.</summary>
        private static IEnumerable<IMethodSymbol> GetActionCandidates(INamedTypeSymbol type, KnownTypes known)
        {
            var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, known.CoapController); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                        || overridden.Contains(method) || overridden.Contains(method.OriginalDefinition))
                    {
                        continue;
                    }

                    for (var over = method.OverriddenMethod; over is not null; over = over.OverriddenMethod)
                    {
                        overridden.Add(over);
                        overridden.Add(over.OriginalDefinition);
                    }

                    yield return method;
                }
            }
        }

        private static bool TryChooseConstructor(INamedTypeSymbol type, KnownTypes known, out EquatableArray<ServiceDependencySpec> parameters, out string reason)
        {
            parameters = EquatableArray<ServiceDependencySpec>.Empty;
            var candidates = type.InstanceConstructors
                .Where(static c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
                .OrderBy(static c => c.DeclaredAccessibility == Accessibility.Public ? 0 : 1)
                .ThenByDescending(static c => c.Parameters.Length)
                .ToList();
            if (candidates.Count == 0)
            {
                reason = "it has no public or internal constructor";
                return false;
            }

            // Public first, then the one with most parameters; skip constructors that cannot be called.
            reason = "";
            foreach (var constructor in candidates)
            {
                if (GetConstructorProblem(type, constructor, known) is { } problem)
                {
                    reason = problem;
                    continue;
                }

                parameters = constructor.Parameters.Select(static p => ToDependency(p)).ToEquatableArray();
                return true;
            }

            return false;
        }

        private static string? GetConstructorProblem(INamedTypeSymbol type, IMethodSymbol constructor, KnownTypes known)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter)
                {
                    return $"constructor parameter '{parameter.Name}' is passed by reference";
                }

                if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.IsRefLikeType || parameter.IsParams)
                {
                    return $"constructor parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}' cannot be resolved from the services";
                }
            }

            var setsRequired = known.SetsRequiredMembersAttribute is { } sets
                && constructor.GetAttributes().Any(a => sets.Equals(a.AttributeClass, SymbolEqualityComparer.Default));
            if (!setsRequired && HasRequiredMembers(type))
            {
                return "it has required members, which the constructor does not set ([SetsRequiredMembers])";
            }

            return null;
        }

        private static bool HasRequiredMembers(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ServiceDependencySpec ToDependency(IParameterSymbol parameter)
        {
            var optional = parameter.HasExplicitDefaultValue && !parameter.Type.IsValueType;
            return new ServiceDependencySpec
            {
                TypeName = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(_typeNameWithoutNullable),
                IsOptional = optional,
                DefaultValue = optional && parameter.ExplicitDefaultValue is not null ? FormatDefaultValue(parameter) : null,
            };
        }

        private static bool Inherits(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.Equals(baseType, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }

        private static DiagnosticInfo Report(DiagnosticDescriptor descriptor, Location? location, params string[] args) => new()
        {
            Id = descriptor.Id,
            Location = ToLocationInfo(location),
            MessageArgs = args.ToEquatableArray(),
        };

        private static LocationInfo? ToLocationInfo(Location? location)
        {
            if (location is null || !location.IsInSource)
            {
                return null;
            }

            var lines = location.GetLineSpan();
            return new LocationInfo
            {
                FilePath = location.SourceTree?.FilePath ?? "",
                Start = location.SourceSpan.Start,
                Length = location.SourceSpan.Length,
                StartLine = lines.StartLinePosition.Line,
                StartCharacter = lines.StartLinePosition.Character,
                EndLine = lines.EndLinePosition.Line,
                EndCharacter = lines.EndLinePosition.Character,
            };
        }
    }
}
