namespace Coap;

/// <summary>What the stack knows about one option number: one row of the option registry.</summary>
/// <param name="Number">The option number.</param>
/// <param name="Name">The registry name, e.g. "Uri-Path".</param>
/// <param name="Format">The value format.</param>
/// <param name="MinLength">The shortest valid value, in bytes.</param>
/// <param name="MaxLength">The longest valid value, in bytes.</param>
/// <param name="Repeatable">Whether the option may occur more than once.</param>
/// <param name="OscoreClass">How OSCORE protects it.</param>
public sealed record CoapOptionDefinition(
    ushort Number,
    string Name,
    CoapOptionFormat Format,
    int MinLength,
    int MaxLength,
    bool Repeatable,
    OscoreOptionClass OscoreClass)
{
    /// <summary>Critical: a recipient that does not understand it must reject the message.</summary>
    public bool IsCritical => CoapOptionNumber.IsCritical(Number);

    /// <summary>Unsafe-to-forward: a proxy that does not understand it must not forward the message.</summary>
    public bool IsUnsafe => CoapOptionNumber.IsUnsafe(Number);

    /// <summary>Not part of the cache key.</summary>
    public bool IsNoCacheKey => CoapOptionNumber.IsNoCacheKey(Number);

    /// <summary>Whether a value of this length is acceptable (RFC 7252 §5.4.3).</summary>
    public bool IsValidLength(int length) => length >= MinLength && length <= MaxLength;
}
