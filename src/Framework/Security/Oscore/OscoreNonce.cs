namespace Coap.Security.Oscore;

/// <summary>
/// The AEAD nonce (RFC 8613 §5.2): <c>S | ID_PIV left-padded to nonce length − 6 | PIV
/// left-padded to 5 bytes</c>, XOR the Common IV. ID_PIV is the Sender ID of the endpoint that
/// generated the Partial IV.
/// </summary>
internal static class OscoreNonce
{
    /// <summary>The longest Partial IV (5 bytes, RFC 8613 §6.1).</summary>
    public const int MaxPartialIvLength = 5;

    /// <summary>Composes the nonce into <paramref name="destination"/> (Common IV length). False when an input is too long.</summary>
    public static bool TryCompose(ReadOnlySpan<byte> commonIv, ReadOnlySpan<byte> idPiv, ReadOnlySpan<byte> partialIv, Span<byte> destination)
    {
        var length = commonIv.Length;
        var idField = length - 6;
        if (destination.Length != length || idPiv.Length > idField || partialIv.Length > MaxPartialIvLength || idField < 0)
        {
            return false;
        }

        destination.Clear();
        destination[0] = (byte)idPiv.Length;
        idPiv.CopyTo(destination.Slice(1 + idField - idPiv.Length, idPiv.Length));
        partialIv.CopyTo(destination[(length - partialIv.Length)..]);
        for (var i = 0; i < length; i++)
        {
            destination[i] ^= commonIv[i];
        }

        return true;
    }
}
