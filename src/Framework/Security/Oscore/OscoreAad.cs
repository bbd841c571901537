namespace Coap.Security.Oscore;

/// <summary>
/// The Additional Authenticated Data (RFC 8613 §5.4), written into a span without allocating:
/// <c>aad_array = [1, [alg_aead], request_kid, request_piv, options]</c>,
/// <c>external_aad = bstr .cbor aad_array</c> and
/// <c>Enc_structure = ["Encrypt0", h'', external_aad]</c>, the AEAD's associated data.
/// </summary>
internal static class OscoreAad
{
    private static ReadOnlySpan<byte> Encrypt0 => "Encrypt0"u8;

    /// <summary>The size of the aad_array.</summary>
    public static int GetAadArraySize(OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, int requestPivLength, int classIOptionsLength) =>
        1 + 1 + 1 + OscoreCborHead.GetIntegerSize(algorithm.CoseId) +
        OscoreCborHead.GetSize((ulong)requestKid.Length) + requestKid.Length +
        OscoreCborHead.GetSize((ulong)requestPivLength) + requestPivLength +
        OscoreCborHead.GetSize((ulong)classIOptionsLength) + classIOptionsLength;

    /// <summary>The size of the whole Enc_structure.</summary>
    public static int GetSize(OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, int requestPivLength, int classIOptionsLength)
    {
        var array = GetAadArraySize(algorithm, requestKid, requestPivLength, classIOptionsLength);
        return 1 + 1 + Encrypt0.Length + 1 + OscoreCborHead.GetSize((ulong)array) + array;
    }

    /// <summary>Writes the aad_array and returns its size.</summary>
    public static int WriteAadArray(Span<byte> destination, OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, ReadOnlySpan<byte> classIOptions)
    {
        var position = OscoreCborHead.Write(destination, OscoreCborHead.Array, 5);
        position += OscoreCborHead.WriteInteger(destination[position..], 1);
        position += OscoreCborHead.Write(destination[position..], OscoreCborHead.Array, 1);
        position += OscoreCborHead.WriteInteger(destination[position..], algorithm.CoseId);
        position += OscoreCborHead.WriteByteString(destination[position..], requestKid);
        position += OscoreCborHead.WriteByteString(destination[position..], requestPiv);
        position += OscoreCborHead.WriteByteString(destination[position..], classIOptions);
        return position;
    }

    /// <summary>Writes the Enc_structure and returns its size (<see cref="GetSize"/>).</summary>
    public static int Write(Span<byte> destination, OscoreAlgorithm algorithm, ReadOnlySpan<byte> requestKid, ReadOnlySpan<byte> requestPiv, ReadOnlySpan<byte> classIOptions)
    {
        var position = OscoreCborHead.Write(destination, OscoreCborHead.Array, 3);
        position += OscoreCborHead.Write(destination[position..], OscoreCborHead.TextString, (ulong)Encrypt0.Length);
        Encrypt0.CopyTo(destination[position..]);
        position += Encrypt0.Length;
        position += OscoreCborHead.Write(destination[position..], OscoreCborHead.ByteString, 0);
        var arraySize = GetAadArraySize(algorithm, requestKid, requestPiv.Length, classIOptions.Length);
        position += OscoreCborHead.Write(destination[position..], OscoreCborHead.ByteString, (ulong)arraySize);
        position += WriteAadArray(destination[position..], algorithm, requestKid, requestPiv, classIOptions);
        return position;
    }
}
