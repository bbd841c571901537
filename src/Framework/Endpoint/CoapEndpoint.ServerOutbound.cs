using Coap.BlockWise.Outbound;
using Coap.Codec;
using Coap.Diagnostics;
using Coap.Observe;

namespace Coap.Endpoint;

internal sealed partial class CoapEndpoint
{
    private ResponseBodyCache? _responseBodies;

    /// <summary>Complete response bodies whose later blocks may still be asked for (RFC 7959 §2.4).</summary>
    internal ResponseBodyCache ResponseBodies =>
        _responseBodies ?? Interlocked.CompareExchange(ref _responseBodies, new ResponseBodyCache(BlockWise, _time), null) ?? _responseBodies;

    /// <summary>
    /// Requests for later blocks of a response (Block2 NUM &gt; 0, Q-Block2 'Continue' and missing-block
    /// requests). Returns true when it took the request over and will answer it.
    /// </summary>
    private bool TryInterceptOutbound(CoapContext context)
    {
        if (TryInterceptQBlock2(context))
        {
            return true;
        }

        if (!TryGetRequestBlock(context, CoapOptionNumber.Block2, out var requested) || requested.Number == 0 ||
            context.TryGetOption(CoapOptionNumber.Observe, out _))
        {
            // A first block, or an Observe request: the handler runs (RFC 7959 §2.6 follow-ups carry no Observe).
            return false;
        }

        var key = ResponseRequestKey.Write(context, out var hash);
        if (!ResponseBodies.TryGet(context.Peer, key, hash, out var body))
        {
            // Not kept (evicted, expired, another server instance): the handler renders it again and the block is sliced.
            return false;
        }

        CoapLog.BlockServedFromCache(_logger, requested.Number, new PeerAddressText(context.Peer));
        _metrics.BlockServedFromCache();
        context.AnsweredFromBodyCache = true;
        LoadBlock(context, body, requested);
        CompleteResponse(context);
        return true;
    }

    /// <summary>
    /// Before a response is registered for Observe and sent: a success too large for one message (or for the
    /// block size the request asked for) becomes the requested block of its body, and the body is kept for
    /// the other blocks (RFC 7959 §2.2, §2.4, §2.6). Q-Block2 responses are split later, in <see cref="TrySendBlockWise"/>.
    /// </summary>
    private void PrepareOutboundBlocks(CoapContext context)
    {
        var response = context.Response;
        if (!response.Code.IsSuccess || response.HasOption(CoapOptionNumber.Block2) || response.HasOption(CoapOptionNumber.QBlock2))
        {
            return;
        }

        if (UsesQBlock2(context))
        {
            t_preparedQBlock2 = default;
            PrepareQBlock2(context);
            return;
        }

        var asked = TryGetRequestBlock(context, CoapOptionNumber.Block2, out var requested);
        var fits = CoapHeader.Size + context.TokenLength + response.GetEncodedBodySize() <= _options.MaxMessageSize &&
            (!asked || response.Payload.Length <= requested.Size);
        if (fits && (!asked || requested.Number == 0))
        {
            // RFC 7959 §2.4: a representation that fits goes whole, even when the request had Block2.
            return;
        }

        var body = OutboundBody.Capture(response);
        var key = ResponseRequestKey.Write(context, out var hash);
        ResponseBodies.Put(context.Peer, key, hash, body);
        LoadBlock(context, body, asked ? requested : null);
    }

    /// <summary>
    /// For a notification rendering: when the representation does not fit one message, turns it into its first
    /// block (ETag, Size2; Observe is added per observer) and returns the body, which is kept for each observer's
    /// follow-up requests (Block2, RFC 7959 §2.6) or sent whole with Q-Block2 (RFC 9177 §4.5). Null when it fits.
    /// </summary>
    internal NotificationBlocks? PrepareNotificationBlocks(CoapContext context)
    {
        var response = context.Response;
        if (!response.Code.IsSuccess || response.HasOption(CoapOptionNumber.Block2) || response.HasOption(CoapOptionNumber.QBlock2))
        {
            return null;
        }

        var qblock = UsesQBlock2(context) ? QBlockOptionsFor(context) : null;
        var blockOption = qblock is null ? CoapOptionNumber.Block2 : CoapOptionNumber.QBlock2;
        var asked = TryGetRequestBlock(context, blockOption, out var requested);
        var fits = CoapHeader.Size + CoapHeader.MaxTokenLength + 4 + 5 + response.GetEncodedBodySize() <= _options.MaxMessageSize &&
            (!asked || response.Payload.Length <= requested.Size);
        if (fits)
        {
            return null;
        }

        if (response.Payload.Length > BlockWise.MaxBodySize)
        {
            throw new CoapException($"The notification body is {response.Payload.Length} bytes, more than Coap:BlockWise:MaxBodySize ({BlockWise.MaxBodySize}).");
        }

        var body = OutboundBody.Capture(response);
        var key = ResponseRequestKey.Write(context, out var hash).ToArray();
        var requestedExponent = asked ? requested.SizeExponent : (int?)null;
        var sizeExponent = qblock is null
            ? ChooseSizeExponent(body, CoapHeader.MaxTokenLength + 4, requestedExponent)
            : ChooseQBlockSizeExponent(body, CoapHeader.MaxTokenLength + 4, qblock, requestedExponent);
        if (sizeExponent < 0)
        {
            throw new CoapException("The notification's options leave no room for a block.");
        }

        body.WriteBlock(response, blockOption, 0, sizeExponent, size2: true, observe: null);
        return new NotificationBlocks(body, key, hash, sizeExponent, qblock);
    }

    /// <summary>Keeps a block-wise notification's body for one observer's follow-up GETs.</summary>
    internal void KeepNotificationBody(in Transport.PeerAddress peer, byte[] requestKey, int requestHash, OutboundBody body) =>
        ResponseBodies.Put(peer, requestKey, requestHash, body);

    /// <summary>Sends a response too large for one message as blocks (Q-Block2; Block2 needs one message). Returns true when it did.</summary>
    private bool TrySendBlockWise(CoapContext context, CoapMessageType type, ushort messageId) =>
        context.Response.HasOption(CoapOptionNumber.QBlock2) && UsesQBlock2(context) && TrySendQBlock2(context, type, messageId);

    /// <summary>
    /// Loads the block asked for (or block 0) of <paramref name="body"/> into the response, at the block size the
    /// request asked for or smaller (RFC 7959 §2.4: "MUST use the block size indicated or a smaller size").
    /// </summary>
    private void LoadBlock(CoapContext context, OutboundBody body, CoapBlock? requested, bool notification = false)
    {
        var response = context.Response;
        var tokenLength = notification ? CoapHeader.MaxTokenLength : context.TokenLength;
        var sizeExponent = ChooseSizeExponent(body, tokenLength, requested?.SizeExponent);
        if (sizeExponent < 0)
        {
            response.Reset();
            response.Code = CoapCode.InternalServerError;
            return;
        }

        var offset = requested?.Offset ?? 0;
        if (!body.Contains(offset))
        {
            // RFC 7959 §2.2: a block the representation does not have is a Block2 value the server cannot satisfy.
            response.Reset();
            response.Code = CoapCode.BadOption;
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.WritePayload("Block2 beyond the end of the representation");
            return;
        }

        var number = (int)(offset / (16 << sizeExponent));
        var size2 = number == 0 || context.TryGetOption(CoapOptionNumber.Size2, out _);
        body.WriteBlock(response, CoapOptionNumber.Block2, number, sizeExponent, size2, observe: null);
    }

    /// <summary>The largest size exponent no bigger than the preferred and requested ones whose block fits a message.</summary>
    private int ChooseSizeExponent(OutboundBody body, int tokenLength, int? requested)
    {
        var exponent = Math.Min(BlockWise.PreferredSizeExponent, requested ?? 6);
        var overhead = CoapHeader.Size + tokenLength + body.MaxOptionsSize() + 1;
        while (exponent >= 0 && overhead + (16 << exponent) > _options.MaxMessageSize)
        {
            exponent--;
        }

        return exponent;
    }

    /// <summary>Reads a block option of the request; false when absent or malformed.</summary>
    private static bool TryGetRequestBlock(CoapContext context, int number, out CoapBlock block)
    {
        if (context.TryGetOption(number, out var value) && CoapBlock.TryDecode(value, out block))
        {
            return true;
        }

        block = default;
        return false;
    }
}
