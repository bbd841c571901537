using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

/// <summary>
/// The framework and BCL types the analyzers look for, resolved once per compilation. Only built
/// when the compilation references Coap.Framework; otherwise the analyzers stay silent.
/// </summary>
internal sealed class CoapKnownTypes
{
    private CoapKnownTypes(Compilation compilation, INamedTypeSymbol controllerAttribute, INamedTypeSymbol methodAttribute)
    {
        ControllerAttribute = controllerAttribute;
        MethodAttribute = methodAttribute;
        ControllerBase = compilation.GetTypeByMetadataName("Coap.CoapController");
        FromRoute = compilation.GetTypeByMetadataName("Coap.FromRouteAttribute");
        FromQuery = compilation.GetTypeByMetadataName("Coap.FromQueryAttribute");
        FromPayload = compilation.GetTypeByMetadataName("Coap.FromPayloadAttribute");
        FromServices = compilation.GetTypeByMetadataName("Coap.FromServicesAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Get = compilation.GetTypeByMetadataName("Coap.GetAttribute");
        Fetch = compilation.GetTypeByMetadataName("Coap.FetchAttribute");
        Observable = compilation.GetTypeByMetadataName("Coap.ObservableAttribute");
        Binding = compilation.GetTypeByMetadataName("Coap.BindingAttribute");
        QBlock = compilation.GetTypeByMetadataName("Coap.QBlockAttribute");
        Delete = compilation.GetTypeByMetadataName("Coap.DeleteAttribute");
        Notifier = compilation.GetTypeByMetadataName("Coap.ICoapNotifier`1");
        Observations = compilation.GetTypeByMetadataName("Coap.CoapObservations");
        AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        ObservableOfT = compilation.GetTypeByMetadataName("System.IObservable`1");
        RequireOscore = compilation.GetTypeByMetadataName("Coap.RequireOscoreAttribute");
        AllowUnprotected = compilation.GetTypeByMetadataName("Coap.AllowUnprotectedAttribute");
    }

    public INamedTypeSymbol ControllerAttribute { get; }

    public INamedTypeSymbol MethodAttribute { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? FromRoute { get; }

    public INamedTypeSymbol? FromQuery { get; }

    public INamedTypeSymbol? FromPayload { get; }

    public INamedTypeSymbol? FromServices { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? Get { get; }

    public INamedTypeSymbol? Fetch { get; }

    /// <summary><c>Coap.ObservableAttribute</c>.</summary>
    public INamedTypeSymbol? Observable { get; }

    /// <summary><c>Coap.BindingAttribute</c>.</summary>
    public INamedTypeSymbol? Binding { get; }

    /// <summary><c>Coap.QBlockAttribute</c> (RFC 9177), when the framework has it.</summary>
    public INamedTypeSymbol? QBlock { get; }

    /// <summary><c>Coap.DeleteAttribute</c>.</summary>
    public INamedTypeSymbol? Delete { get; }

    /// <summary><c>Coap.ICoapNotifier&lt;TController&gt;</c>, unconstructed.</summary>
    public INamedTypeSymbol? Notifier { get; }

    /// <summary><c>Coap.CoapObservations</c> (server-wide notify by path), when the framework has it.</summary>
    public INamedTypeSymbol? Observations { get; }

    public INamedTypeSymbol? AsyncEnumerable { get; }

    /// <summary><c>System.IObservable&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? ObservableOfT { get; }

    /// <summary><c>Coap.RequireOscoreAttribute</c>, when the framework has it.</summary>
    public INamedTypeSymbol? RequireOscore { get; }

    /// <summary><c>Coap.AllowUnprotectedAttribute</c>, when the framework has it.</summary>
    public INamedTypeSymbol? AllowUnprotected { get; }

    /// <summary>The known types, or null when Coap.Framework is not referenced.</summary>
    public static CoapKnownTypes? Create(Compilation compilation)
    {
        var controllerAttribute = compilation.GetTypeByMetadataName("Coap.CoapControllerAttribute");
        var methodAttribute = compilation.GetTypeByMetadataName("Coap.CoapMethodAttribute");
        return controllerAttribute is null || methodAttribute is null
            ? null
            : new CoapKnownTypes(compilation, controllerAttribute, methodAttribute);
    }

    /// <summary>The type's <c>[CoapController]</c>, if it has one.</summary>
    public AttributeData? GetControllerAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ControllerAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The method's <c>[Get]</c>, <c>[Put]</c>, … attributes (anything deriving from CoapMethodAttribute).</summary>
    public ImmutableArray<AttributeData> GetMethodAttributes(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return ImmutableArray<AttributeData>.Empty;
        }

        ImmutableArray<AttributeData>.Builder? found = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (IsMethodAttribute(attribute.AttributeClass))
            {
                found ??= ImmutableArray.CreateBuilder<AttributeData>();
                found.Add(attribute);
            }
        }

        return found?.ToImmutable() ?? ImmutableArray<AttributeData>.Empty;
    }

    /// <summary>Whether the method is an action: a method attribute, in a <c>[CoapController]</c> class.</summary>
    public bool IsAction(IMethodSymbol method) =>
        method.ContainingType is { } type
        && GetControllerAttribute(type) is not null
        && !GetMethodAttributes(method).IsEmpty;

    public bool IsTaskLike(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, Task)
            || SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
    }

    public bool IsGenericTask(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
    }

    /// <summary>Whether the attribute is <c>[Get]</c> or <c>[Fetch]</c>, the methods Observe is defined for.</summary>
    public bool IsGetOrFetch(AttributeData attribute) =>
        SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Get)
        || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, Fetch);

    /// <summary>Whether the type is <c>ICoapNotifier&lt;T&gt;</c> for some T.</summary>
    public bool IsNotifier(ITypeSymbol? type) =>
        Notifier is not null
        && type is INamedTypeSymbol { IsGenericType: true } named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Notifier);

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType) => FindAttribute(symbol, attributeType) is not null;

    public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

    private bool IsMethodAttribute(INamedTypeSymbol? attributeClass)
    {
        for (var type = attributeClass; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, MethodAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
