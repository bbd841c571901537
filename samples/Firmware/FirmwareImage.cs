using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FirmwareSample;

/// <summary>
/// The firmware image the sample serves: 1 MiB (1,048,576 bytes) that anyone can regenerate, so a
/// download can be checked without shipping a binary. The bytes are the 262,144 successive
/// states of the xorshift32 generator (x ^= x &lt;&lt; 13; x ^= x &gt;&gt; 17; x ^= x &lt;&lt; 5, on 32 bits),
/// starting from x = 0xC0A9F1A3, each written little-endian. Built once; served from memory.
/// </summary>
public static class FirmwareImage
{
    /// <summary>The image size: 1 MiB.</summary>
    public const int Length = 1 << 20;

    /// <summary>The generator's starting state.</summary>
    public const uint Seed = 0xC0A9F1A3;

    /// <summary>The image, shared by every response (never copied).</summary>
    public static ReadOnlyMemory<byte> Bytes { get; } = Generate();

    /// <summary>SHA-256 of <see cref="Bytes"/>, lowercase hex.</summary>
    public static string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes.Span));

    private static byte[] Generate()
    {
        var image = new byte[Length];
        var x = Seed;
        for (var offset = 0; offset < Length; offset += sizeof(uint))
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset), x);
        }

        return image;
    }
}
