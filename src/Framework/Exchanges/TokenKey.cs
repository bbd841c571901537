namespace Coap.Exchanges;

/// <summary>A token (0–8 bytes) packed into a number, for matching responses without allocation.</summary>
internal readonly record struct TokenKey(ulong Value, byte Length)
{
    public static TokenKey From(ReadOnlySpan<byte> token)
    {
        ulong value = 0;
        foreach (var b in token)
        {
            value = (value << 8) | b;
        }

        return new TokenKey(value, (byte)token.Length);
    }

    /// <summary>One number for the token, length included (deduplication compares it).</summary>
    public ulong Hash => Value ^ (Length * 0x9E37_79B9_7F4A_7C15UL);
}
