namespace Coap.Security.Oscore;

/// <summary>
/// The OSCORE option value (RFC 8613 §6.1), decoded in place:
/// <c>flags | Partial IV (n bytes) | s | kid context (s bytes) | kid (rest)</c>. Flag byte bits:
/// n = 0x07, k = 0x08, h = 0x10, Group Flag = 0x20 (Group OSCORE), 0x40 and 0x80 reserved.
/// </summary>
internal readonly ref struct OscoreOptionValue
{
    /// <summary>The Partial IV length bits.</summary>
    public const byte PartialIvLengthMask = 0x07;

    /// <summary>The k bit: a kid is present.</summary>
    public const byte KidFlag = 0x08;

    /// <summary>The h bit: a kid context is present.</summary>
    public const byte KidContextFlag = 0x10;

    /// <summary>The Group Flag registered by Group OSCORE (flag bit position 2).</summary>
    public const byte GroupFlagBit = 0x20;

    /// <summary>The bits RFC 8613 reserves and this decoder rejects by default.</summary>
    public const byte DefaultReservedBits = 0x40 | 0x80;

    /// <summary>Creates a value to encode.</summary>
    public OscoreOptionValue(ReadOnlySpan<byte> partialIv, bool hasKid, ReadOnlySpan<byte> kid, bool hasKidContext, ReadOnlySpan<byte> kidContext, bool groupFlag = false)
    {
        PartialIv = partialIv;
        HasKid = hasKid;
        Kid = kid;
        HasKidContext = hasKidContext;
        KidContext = kidContext;
        GroupFlag = groupFlag;
    }

    /// <summary>The Partial IV bytes; empty when absent.</summary>
    public ReadOnlySpan<byte> PartialIv { get; }

    /// <summary>Whether a Partial IV is present.</summary>
    public bool HasPartialIv => !PartialIv.IsEmpty;

    /// <summary>Whether the k flag is set (an empty kid is legal).</summary>
    public bool HasKid { get; }

    /// <summary>The kid.</summary>
    public ReadOnlySpan<byte> Kid { get; }

    /// <summary>Whether the h flag is set.</summary>
    public bool HasKidContext { get; }

    /// <summary>The kid context.</summary>
    public ReadOnlySpan<byte> KidContext { get; }

    /// <summary>Whether the Group Flag (0x20) is set; what that means is the caller's policy.</summary>
    public bool GroupFlag { get; }

    /// <summary>The flag byte this value encodes to.</summary>
    public byte FlagByte =>
        (byte)(PartialIv.Length | (HasKid ? KidFlag : 0) | (HasKidContext ? KidContextFlag : 0) | (GroupFlag ? GroupFlagBit : 0));

    /// <summary>The encoded length: 0 when the flag byte is 0.</summary>
    public int EncodedLength =>
        FlagByte == 0 ? 0 : 1 + PartialIv.Length + (HasKidContext ? 1 + KidContext.Length : 0) + (HasKid ? Kid.Length : 0);

    /// <summary>Decodes an option value; <paramref name="reservedBits"/> is the single replaceable reserved-bit check.</summary>
    public static OscoreOptionError TryDecode(ReadOnlySpan<byte> value, out OscoreOptionValue decoded, byte reservedBits = DefaultReservedBits)
    {
        decoded = default;
        if (value.IsEmpty)
        {
            return OscoreOptionError.None;
        }

        var flags = value[0];
        if ((flags & reservedBits) != 0)
        {
            return OscoreOptionError.ReservedFlagBits;
        }

        if (flags == 0)
        {
            return OscoreOptionError.NonEmptyWithoutFlags;
        }

        var n = flags & PartialIvLengthMask;
        if (n > OscoreNonce.MaxPartialIvLength)
        {
            return OscoreOptionError.ReservedPartialIvLength;
        }

        var rest = value[1..];
        if (rest.Length < n)
        {
            return OscoreOptionError.Truncated;
        }

        var partialIv = rest[..n];
        rest = rest[n..];
        ReadOnlySpan<byte> kidContext = default;
        var hasKidContext = (flags & KidContextFlag) != 0;
        if (hasKidContext)
        {
            if (rest.IsEmpty || rest.Length - 1 < rest[0])
            {
                return OscoreOptionError.Truncated;
            }

            kidContext = rest.Slice(1, rest[0]);
            rest = rest[(1 + rest[0])..];
        }

        var hasKid = (flags & KidFlag) != 0;
        if (!hasKid && !rest.IsEmpty)
        {
            return OscoreOptionError.TrailingBytes;
        }

        decoded = new OscoreOptionValue(partialIv, hasKid, rest, hasKidContext, kidContext, (flags & GroupFlagBit) != 0);
        return OscoreOptionError.None;
    }

    /// <summary>Encodes into <paramref name="destination"/> and returns <see cref="EncodedLength"/>.</summary>
    /// <exception cref="ArgumentException">The Partial IV is longer than 5 bytes or the kid context longer than 255.</exception>
    public int Encode(Span<byte> destination)
    {
        if (PartialIv.Length > OscoreNonce.MaxPartialIvLength || KidContext.Length > byte.MaxValue)
        {
            throw new ArgumentException("The Partial IV has at most 5 bytes and the kid context at most 255.");
        }

        var length = EncodedLength;
        if (length == 0)
        {
            return 0;
        }

        destination[0] = FlagByte;
        var position = 1;
        PartialIv.CopyTo(destination[position..]);
        position += PartialIv.Length;
        if (HasKidContext)
        {
            destination[position++] = (byte)KidContext.Length;
            KidContext.CopyTo(destination[position..]);
            position += KidContext.Length;
        }

        if (HasKid)
        {
            Kid.CopyTo(destination[position..]);
            position += Kid.Length;
        }

        return position;
    }
}
