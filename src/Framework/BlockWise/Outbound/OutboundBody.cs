using System.Security.Cryptography;

namespace Coap.BlockWise.Outbound;

/// <summary>
/// A complete response (code, options, body) kept while its blocks are served, so every block of one
/// body comes from the same representation (RFC 7959 §2.4; RFC 9177 §4.4). The block-wise options
/// (Block2, Q-Block2, Size2, ETag, Observe) are not stored: each block gets its own.
/// </summary>
internal sealed class OutboundBody
{
    /// <summary>Bytes of a generated ETag (RFC 7252 §5.10.6 allows 1–8).</summary>
    public const int GeneratedETagLength = 8;

    private readonly (ushort Number, byte[] Value)[] _options;

    private OutboundBody(CoapCode code, (ushort, byte[])[] options, byte[] etag, ReadOnlyMemory<byte> body)
    {
        Code = code;
        _options = options;
        ETag = etag;
        Body = body;
    }

    public CoapCode Code { get; }

    /// <summary>The handler's ETag, or one derived from the content so an identical re-rendering keeps it.</summary>
    public byte[] ETag { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public int Length => Body.Length;

    /// <summary>Entries of the response cache referring to this body (guarded by the cache's lock).</summary>
    internal int CacheReferences { get; set; }

    /// <summary>
    /// Takes the handler's response. A payload set with <see cref="CoapResponseWriter.SetPayload"/> is kept
    /// by reference (a static image is served with no copy); a written one is copied out of the pooled writer.
    /// </summary>
    public static OutboundBody Capture(CoapResponseWriter response)
    {
        var count = response.SortOptionsForReading();
        var options = new List<(ushort, byte[])>(count);
        byte[]? etag = null;
        uint contentFormat = uint.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var value = response.GetOption(i, out var number);
            switch (number)
            {
                case CoapOptionNumber.ETag:
                    etag ??= value.ToArray();
                    continue;
                case CoapOptionNumber.Block2 or CoapOptionNumber.QBlock2 or CoapOptionNumber.Size2 or CoapOptionNumber.Observe:
                    continue;
                case CoapOptionNumber.ContentFormat:
                    contentFormat = Codec.CoapUInt.Read(value);
                    break;
            }

            options.Add(((ushort)number, value.ToArray()));
        }

        var body = response.IsPayloadExternal ? response.Payload : response.Payload.ToArray();
        etag ??= GenerateETag(response.Code, contentFormat, body.Span);
        return new OutboundBody(response.Code, [.. options], etag, body);
    }

    /// <summary>
    /// Mixed into every generated ETag: members of a CoAP group that hold the same representation still give it
    /// different ETags, so a client revalidating with a group request can tell whose 2.03 it got
    /// (groupcomm-bis §3.2.2.1: ETags unique to the server with high probability).
    /// </summary>
    private static readonly byte[] s_serverSalt = RandomNumberGenerator.GetBytes(8);

    /// <summary>
    /// A truncated SHA-256 of this process's salt, code, content-format and payload: equal representations from this
    /// server get equal ETags, different ones (or another server's) differ with overwhelming probability
    /// (RFC 7252 §5.10.6, RFC 9177 §4.4 QB-32).
    /// </summary>
    public static byte[] GenerateETag(CoapCode code, uint contentFormat, ReadOnlySpan<byte> payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(s_serverSalt);
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = code.Value;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], contentFormat);
        hash.AppendData(prefix);
        hash.AppendData(payload);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return digest[..GeneratedETagLength].ToArray();
    }

    /// <summary>Number of blocks of <paramref name="blockSize"/> the body takes.</summary>
    public int CountBlocks(int blockSize) => CoapBlock.CountBlocks(Length, blockSize);

    /// <summary>Whether a block starts inside the body (block 0 always exists).</summary>
    public bool Contains(long offset) => offset == 0 || offset < Length;

    /// <summary>
    /// Loads one block into <paramref name="response"/>: the stored code and options, ETag, the block option
    /// (<paramref name="blockOption"/>: Block2 or Q-Block2), Size2 when asked, and the slice of the body (no copy).
    /// </summary>
    public void WriteBlock(CoapResponseWriter response, int blockOption, int number, int sizeExponent, bool size2, uint? observe)
    {
        var size = 16 << sizeExponent;
        var offset = (long)number * size;
        var length = (int)Math.Min(size, Math.Max(0, Length - offset));
        var more = offset + length < Length;
        response.Reset();
        response.Code = Code;
        foreach (var (optionNumber, value) in _options)
        {
            response.AddOption(optionNumber, value);
        }

        response.AddOption(CoapOptionNumber.ETag, ETag);
        if (observe is { } sequence)
        {
            response.AddOption(CoapOptionNumber.Observe, sequence);
        }

        response.AddOption(blockOption, new CoapBlock(number, more, sizeExponent).Value);
        if (size2)
        {
            response.AddOption(CoapOptionNumber.Size2, (uint)Length);
        }

        response.SetPayload(length == 0 ? default : Body.Slice((int)offset, length));
    }

    /// <summary>The encoded size of the stored options plus the per-block ones at their largest.</summary>
    public int MaxOptionsSize()
    {
        var size = 0;
        var previous = 0;
        foreach (var (number, value) in _options)
        {
            size += Codec.CoapMessageWriter.GetOptionSize(number - previous, value.Length);
            previous = number;
        }

        // ETag (≤ 8), Observe (≤ 3), Block2/Q-Block2 (≤ 3), Size2 (≤ 4): each at most 2 header bytes more.
        return size + (2 + 8) + (2 + 3) + (2 + 3) + (2 + 4) + 2;
    }
}
