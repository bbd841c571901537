using System.Text;
using Coap.Codec;

namespace Coap;

/// <summary>One option of an owned message: a number and its encoded value.</summary>
public readonly record struct CoapOption
{
    /// <summary>Creates an option with an opaque value.</summary>
    public CoapOption(int number, ReadOnlyMemory<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)number, ushort.MaxValue, nameof(number));
        Number = number;
        Value = value;
    }

    /// <summary>The option number.</summary>
    public int Number { get; }

    /// <summary>The encoded value.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>An option with a uint value in its shortest encoding.</summary>
    public static CoapOption FromUInt(int number, uint value)
    {
        var bytes = new byte[CoapUInt.GetLength(value)];
        CoapUInt.Write(bytes, value);
        return new CoapOption(number, bytes);
    }

    /// <summary>An option with a UTF-8 string value.</summary>
    public static CoapOption FromString(int number, string value) => new(number, Encoding.UTF8.GetBytes(value));

    /// <summary>An option with an empty value.</summary>
    public static CoapOption Empty(int number) => new(number, ReadOnlyMemory<byte>.Empty);

    /// <summary>The value read as a uint.</summary>
    public uint GetUInt() => CoapUInt.Read(Value.Span);

    /// <summary>The value read as UTF-8.</summary>
    public string GetString() => Encoding.UTF8.GetString(Value.Span);

    /// <inheritdoc />
    public bool Equals(CoapOption other) => Number == other.Number && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Number);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{CoapOptionRegistry.Default.GetName(Number)}: {Convert.ToHexString(Value.Span)}";
}
