namespace Coap.TestUtilities;

/// <summary>Hex helpers for writing wire bytes in tests ("40 01 12 34").</summary>
public static class Hex
{
    /// <summary>Parses hex with optional spaces.</summary>
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Formats as upper-case hex without separators.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
