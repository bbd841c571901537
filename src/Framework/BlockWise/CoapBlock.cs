using Coap.Codec;

namespace Coap;

/// <summary>
/// The value of a Block1, Block2, Q-Block1 or Q-Block2 option (RFC 7959 §2.2, RFC 9177 §4.2):
/// a block number, a "more" flag and a size exponent, encoded as <c>NUM &lt;&lt; 4 | M &lt;&lt; 3 | SZX</c>.
/// The block size is <c>2^(SZX + 4)</c>, from 16 to 1024 bytes; SZX 7 (BERT) is not used over UDP.
/// </summary>
public readonly record struct CoapBlock
{
    /// <summary>The largest block number the 3-byte option can carry.</summary>
    public const int MaxNumber = (1 << 20) - 1;

    /// <summary>Creates a block value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NUM is beyond 2^20 − 1, or SZX beyond 6.</exception>
    public CoapBlock(int number, bool more, int sizeExponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeExponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sizeExponent, 6);
        Number = number;
        More = more;
        SizeExponent = sizeExponent;
    }

    /// <summary>NUM: the block's position in units of <see cref="Size"/>.</summary>
    public int Number { get; }

    /// <summary>M: more blocks follow (or, in a request for a response block, a Q-Block2 range request).</summary>
    public bool More { get; }

    /// <summary>SZX: the size exponent, 0–6.</summary>
    public int SizeExponent { get; }

    /// <summary>The block size in bytes: 16 × 2^SZX.</summary>
    public int Size => 16 << SizeExponent;

    /// <summary>The byte offset of the block in the body.</summary>
    public long Offset => (long)Number * Size;

    /// <summary>The option value as an integer.</summary>
    public uint Value => ((uint)Number << 4) | (More ? 8u : 0u) | (uint)SizeExponent;

    /// <summary>
    /// Decodes an option value. Fails for values longer than 3 bytes and for SZX 7 (BERT, only
    /// defined over reliable transports). An empty value is NUM 0, M 0, SZX 0 (RFC 9177 §4.2).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out CoapBlock block)
    {
        if (value.Length > 3)
        {
            block = default;
            return false;
        }

        var raw = CoapUInt.Read(value);
        var szx = (int)(raw & 7);
        if (szx == 7)
        {
            block = default;
            return false;
        }

        block = new CoapBlock((int)(raw >> 4), (raw & 8) != 0, szx);
        return true;
    }

    /// <summary>The size exponent for a block size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not a power of two from 16 to 1024.</exception>
    public static int ToSizeExponent(int blockSize)
    {
        if (!IsValidSize(blockSize))
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "A block size is a power of two from 16 to 1024.");
        }

        return System.Numerics.BitOperations.Log2((uint)blockSize) - 4;
    }

    /// <summary>Whether a block size is a power of two from 16 to 1024.</summary>
    public static bool IsValidSize(int blockSize) => blockSize is >= 16 and <= 1024 && (blockSize & (blockSize - 1)) == 0;

    /// <summary>The number of blocks of <paramref name="blockSize"/> a body of <paramref name="length"/> bytes takes (at least 1).</summary>
    public static int CountBlocks(long length, int blockSize) => (int)Math.Max(1, (length + blockSize - 1) / blockSize);

    /// <inheritdoc />
    public override string ToString() => $"{Number}/{(More ? 1 : 0)}/{Size}";
}
