using Coap.Codec;
using Coap.TestUtilities;

namespace Coap.Tests.Codec;

/// <summary>Small helpers for codec tests: hex assertions, byte building and an independent size model.</summary>
internal static class Wire
{
    /// <summary>Asserts that <paramref name="actual"/> is exactly the bytes spelled by <paramref name="expectedHex"/>.</summary>
    public static void Equal(string expectedHex, ReadOnlySpan<byte> actual) =>
        Assert.Equal(Hex.Format(Hex.Parse(expectedHex)), Hex.Format(actual));

    /// <summary>Asserts two byte sequences are equal, reporting them as hex.</summary>
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        Assert.Equal(Hex.Format(expected), Hex.Format(actual));

    /// <summary>Reads a datagram and returns only the status.</summary>
    public static CoapFormatError Read(ReadOnlySpan<byte> datagram) => CoapMessageReader.TryRead(datagram, out _);

    /// <summary>Concatenates byte arrays.</summary>
    public static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var position = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, position);
            position += part.Length;
        }

        return result;
    }

    /// <summary>Header hex followed by more hex.</summary>
    public static byte[] Bytes(string hex) => Hex.Parse(hex);

    /// <summary>A recognisable value of the given length: 0x00, 0x01, ... wrapping at 251 (never a run of 0xFF).</summary>
    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i + seed) % 251);
        }

        return bytes;
    }

    /// <summary>The options of a view, copied out in wire order.</summary>
    public static List<(int Number, byte[] Value)> OptionsOf(CoapMessageView view)
    {
        var options = new List<(int Number, byte[] Value)>();
        foreach (var option in view.Options)
        {
            options.Add((option.Number, option.Value.ToArray()));
        }

        return options;
    }

    /// <summary>
    /// The encoded size of an option computed straight from RFC 7252 §3.1, independently of the
    /// writer: one byte of nibbles, 0/1/2 extended bytes for each of delta and length, the value.
    /// </summary>
    public static int ModelOptionSize(int delta, int length) => 1 + ModelExtended(delta) + ModelExtended(length) + length;

    private static int ModelExtended(int value) => value switch
    {
        <= 12 => 0,
        <= 268 => 1,
        _ => 2,
    };
}
