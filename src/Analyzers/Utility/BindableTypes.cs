using Microsoft.CodeAnalysis;

namespace Coap.Analyzers;

/// <summary>Which types the generated handlers can bind as parameters and write as results.</summary>
internal static class BindableTypes
{
    /// <summary>
    /// Why no parameter or result can have this type, or null if some binding source can handle it:
    /// pointers, ref structs (spans), delegates, open generics, object and dynamic.
    /// </summary>
    public static string? WhyNeverBindable(ITypeSymbol type)
    {
        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return "pointers have no CoAP representation";
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            return "'dynamic' has no shape to bind or serialise";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "'object' has no shape to bind or serialise";
        }

        if (type.IsRefLikeType)
        {
            return $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' is a ref struct, which cannot outlive the request buffer; use ReadOnlyMemory<byte> or byte[]";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "delegates have no CoAP representation";
        }

        if (ContainsTypeParameter(type))
        {
            return "open generic types cannot be bound; use a concrete type";
        }

        return null;
    }

    /// <summary>int, long, uint, ushort, double, bool, Guid, string, enums, and nullable forms of those.</summary>
    public static bool IsSimple(ITypeSymbol type, CoapKnownTypes known)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt16:
            case SpecialType.System_Double:
            case SpecialType.System_Boolean:
            case SpecialType.System_String:
                return true;
        }

        return type.TypeKind == TypeKind.Enum || SymbolEqualityComparer.Default.Equals(type, known.Guid);
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => AnyTypeParameter(named),
        _ => false,
    };

    private static bool AnyTypeParameter(INamedTypeSymbol type)
    {
        foreach (var argument in type.TypeArguments)
        {
            if (ContainsTypeParameter(argument))
            {
                return true;
            }
        }

        return type.ContainingType is { } outer && AnyTypeParameter(outer);
    }
}
