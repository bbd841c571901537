namespace Coap.BlockWise.Upload;

/// <summary>Builds the request that carries one block of a body (RFC 7959 §2.3, RFC 9177 §4.3).</summary>
internal static class BlockRequests
{
    /// <summary>
    /// A copy of <paramref name="template"/> (type, code, options; no token, the endpoint picks a new one per
    /// block) carrying <paramref name="payload"/>, the block option, Size1 when the length is known, and the Request-Tag.
    /// </summary>
    public static CoapMessage Create(CoapMessage template, ReadOnlyMemory<byte> payload, ushort blockOption, CoapBlock block, long? size1, ReadOnlyMemory<byte> requestTag)
    {
        var message = new CoapMessage { Type = template.Type, Code = template.Code, Payload = payload };
        foreach (var option in template.Options)
        {
            if (option.Number is not (CoapOptionNumber.Block1 or CoapOptionNumber.QBlock1 or CoapOptionNumber.Size1 or CoapOptionNumber.RequestTag))
            {
                message.Options.Add(option);
            }
        }

        message.Options.Add(blockOption, block.Value);
        if (size1 is { } length and <= uint.MaxValue)
        {
            message.Options.Add(CoapOptionNumber.Size1, (uint)length);
        }

        message.Options.Add(CoapOptionNumber.RequestTag, requestTag);
        return message;
    }

    /// <summary>The block option of a response, if present and valid.</summary>
    public static bool TryGetBlock(CoapResponse response, ushort blockOption, out CoapBlock block)
    {
        if (response.Options.TryGet(blockOption, out var option))
        {
            return CoapBlock.TryDecode(option.Value.Span, out block);
        }

        block = default;
        return false;
    }
}
