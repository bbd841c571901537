namespace Coap.Security.Oscore;

/// <summary>Requests: RFC 8613 §8.1 (protect) and §8.2 (verify).</summary>
internal sealed partial class OscoreProtector
{
    /// <summary>
    /// Protects a request with the sender's next sequence number as Partial IV. The kid is the
    /// Sender ID; the kid context is sent when the context has an ID Context.
    /// </summary>
    public OscoreProtectResult ProtectRequest(OscoreSecurityContext context, CoapMessage request, out CoapMessage? protectedRequest, out OscoreRequestBinding binding)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        protectedRequest = null;
        binding = default;
        if (request.Options.Contains(CoapOptionNumber.ProxyUri))
        {
            return OscoreProtectResult.ProxyUriNotSupported;
        }

        if (!context.Sender.TryTakeSequenceNumber(out var sequenceNumber))
        {
            return OscoreProtectResult.SequenceNumberExhausted;
        }

        var partialIv = OscorePartialIv.FromSequenceNumber(sequenceNumber);
        Span<byte> piv = stackalloc byte[8];
        piv = piv[..partialIv.Write(piv)];
        var senderId = context.Sender.Id;
        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        if (!OscoreNonce.TryCompose(context.Common.CommonIv, senderId, piv, nonce))
        {
            return OscoreProtectResult.EncryptionFailed;
        }

        var ciphertext = Seal(context.Sender.Aead, request.Code, request, isRequest: true, nonce, senderId, piv);
        if (ciphertext is null)
        {
            return OscoreProtectResult.EncryptionFailed;
        }

        var idContext = context.Common.IdContext;
        var option = new OscoreOptionValue(piv, hasKid: true, senderId, idContext is not null, idContext);
        var outerCode = request.Options.Contains(CoapOptionNumber.Observe) ? CoapCode.Fetch : CoapCode.Post;
        protectedRequest = BuildOuter(request, outerCode, option, ciphertext);
        binding = new OscoreRequestBinding(context, senderId, partialIv);
        return OscoreProtectResult.Ok;
    }

    /// <summary>
    /// Verifies a protected request: decodes the OSCORE option, finds the context by kid and kid
    /// context, checks the flags, decrypts, then consults the replay check, then rebuilds the request.
    /// </summary>
    public OscoreUnprotectResult UnprotectRequest(CoapMessage protectedRequest, out CoapMessage? request, out OscoreRequestBinding binding)
    {
        ArgumentNullException.ThrowIfNull(protectedRequest);
        request = null;
        binding = default;
        if (!protectedRequest.Options.TryGet(CoapOptionNumber.Oscore, out var oscore) || protectedRequest.Payload.IsEmpty)
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        if (OscoreOptionValue.TryDecode(oscore.Value.Span, out var option) != OscoreOptionError.None ||
            !option.HasPartialIv || !option.HasKid)
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        var context = _resolver?.Resolve(option.Kid, option.HasKidContext, option.KidContext);
        if (context is null)
        {
            return OscoreUnprotectResult.ContextNotFound;
        }

        if (!_flagPolicy.Accepts(option, context))
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        if (!OscoreNonce.TryCompose(context.Common.CommonIv, option.Kid, option.PartialIv, nonce))
        {
            return OscoreUnprotectResult.DecryptionFailed;
        }

        var partialIv = OscorePartialIv.FromBytes(option.PartialIv);
        var result = Open(context.Recipient.Aead, protectedRequest, isRequest: true, nonce, option.Kid, option.PartialIv, context, partialIv, out request);
        if (result is OscoreUnprotectResult.Ok or OscoreUnprotectResult.FreshnessRequired)
        {
            binding = new OscoreRequestBinding(context, context.Recipient.Id, partialIv);
        }

        return result;
    }

    private CoapMessage BuildOuter(CoapMessage original, CoapCode outerCode, in OscoreOptionValue option, byte[] ciphertext)
    {
        var outer = new CoapMessage
        {
            Type = original.Type,
            Code = outerCode,
            MessageId = original.MessageId,
            Token = original.Token,
            Payload = ciphertext,
        };
        foreach (var candidate in original.Options)
        {
            if ((Classify(candidate.Number) & OscoreOptionPlacement.Outer) != 0)
            {
                outer.Options.Add(candidate);
            }
        }

        var value = new byte[option.EncodedLength];
        option.Encode(value);
        outer.Options.Add(CoapOptionNumber.Oscore, value);
        return outer;
    }
}
