using System.Text;

namespace Coap.Codec;

/// <summary>One option of a received message, viewed in place.</summary>
public readonly ref struct CoapOptionView
{
    /// <summary>Creates a view.</summary>
    public CoapOptionView(int number, ReadOnlySpan<byte> value)
    {
        Number = number;
        Value = value;
    }

    /// <summary>The option number.</summary>
    public int Number { get; }

    /// <summary>The raw value.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>The value as an unsigned integer (RFC 7252 §3.2); values over 4 bytes saturate.</summary>
    public uint GetUInt() => CoapUInt.Read(Value);

    /// <summary>The value decoded as UTF-8 (allocates).</summary>
    public string GetString() => Encoding.UTF8.GetString(Value);
}
