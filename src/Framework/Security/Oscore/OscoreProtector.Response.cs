namespace Coap.Security.Oscore;

/// <summary>Responses: RFC 8613 §8.3 (protect) and §8.4 (verify).</summary>
internal sealed partial class OscoreProtector
{
    /// <summary>
    /// Protects a response to the request in <paramref name="binding"/>. Without a Partial IV the
    /// request's nonce is reused; with one (required for Observe notifications after the first)
    /// the sender's next sequence number is used.
    /// </summary>
    public OscoreProtectResult ProtectResponse(in OscoreRequestBinding binding, CoapMessage response, bool includePartialIv, out CoapMessage? protectedResponse)
    {
        ArgumentNullException.ThrowIfNull(response);
        var context = binding.Context ?? throw new ArgumentException("The binding has no context.", nameof(binding));
        protectedResponse = null;
        Span<byte> requestPiv = stackalloc byte[8];
        Span<byte> piv = stackalloc byte[8];
        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        var prepared = PrepareResponseNonce(binding, includePartialIv, requestPiv, piv, nonce, out var requestPivLength, out var pivLength);
        if (prepared != OscoreProtectResult.Ok)
        {
            return prepared;
        }

        requestPiv = requestPiv[..requestPivLength];
        piv = piv[..pivLength];
        var ciphertext = Seal(context.Sender.Aead, response.Code, response, isRequest: false, nonce, binding.RequestKid.Span, requestPiv);
        if (ciphertext is null)
        {
            return OscoreProtectResult.EncryptionFailed;
        }

        var option = new OscoreOptionValue(piv, hasKid: false, default, hasKidContext: false, default);
        var outerCode = response.Options.Contains(CoapOptionNumber.Observe) ? CoapCode.Content : CoapCode.Changed;
        protectedResponse = BuildOuter(response, outerCode, option, ciphertext);
        return OscoreProtectResult.Ok;
    }

    /// <summary>
    /// The response's nonce (RFC 8613 §8.3): from the sender's next sequence number, whose Partial IV goes into
    /// <paramref name="piv"/>, when <paramref name="includePartialIv"/>; else the request's. Writes the request's
    /// Partial IV into <paramref name="requestPiv"/> either way (it is in the AAD).
    /// </summary>
    private static OscoreProtectResult PrepareResponseNonce(in OscoreRequestBinding binding, bool includePartialIv, Span<byte> requestPiv, Span<byte> piv, Span<byte> nonce, out int requestPivLength, out int pivLength)
    {
        var context = binding.Context;
        requestPivLength = binding.RequestPartialIv.Write(requestPiv);
        pivLength = 0;
        if (!includePartialIv)
        {
            return OscoreNonce.TryCompose(context.Common.CommonIv, binding.RequestKid.Span, requestPiv[..requestPivLength], nonce)
                ? OscoreProtectResult.Ok
                : OscoreProtectResult.EncryptionFailed;
        }

        if (!context.Sender.TryTakeSequenceNumber(out var sequenceNumber))
        {
            return OscoreProtectResult.SequenceNumberExhausted;
        }

        pivLength = OscorePartialIv.FromSequenceNumber(sequenceNumber).Write(piv);
        return OscoreNonce.TryCompose(context.Common.CommonIv, context.Sender.Id, piv[..pivLength], nonce)
            ? OscoreProtectResult.Ok
            : OscoreProtectResult.EncryptionFailed;
    }

    /// <summary>
    /// Verifies a protected response to the request in <paramref name="binding"/>. A response
    /// Partial IV, when present, is returned for notification ordering and replay checks (§7.4.1),
    /// which are the caller's; kid and kid context in a response are ignored.
    /// </summary>
    public OscoreUnprotectResult UnprotectResponse(in OscoreRequestBinding binding, CoapMessage protectedResponse, out CoapMessage? response, out OscorePartialIv? partialIv)
    {
        ArgumentNullException.ThrowIfNull(protectedResponse);
        var context = binding.Context ?? throw new ArgumentException("The binding has no context.", nameof(binding));
        response = null;
        partialIv = null;
        if (!protectedResponse.Options.TryGet(CoapOptionNumber.Oscore, out var oscore) || protectedResponse.Payload.IsEmpty ||
            OscoreOptionValue.TryDecode(oscore.Value.Span, out var option) != OscoreOptionError.None)
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        if (!_flagPolicy.Accepts(option, context))
        {
            return OscoreUnprotectResult.DecodeFailed;
        }

        Span<byte> requestPiv = stackalloc byte[8];
        requestPiv = requestPiv[..binding.RequestPartialIv.Write(requestPiv)];
        Span<byte> nonce = stackalloc byte[context.Algorithm.NonceLength];
        var composed = option.HasPartialIv
            ? OscoreNonce.TryCompose(context.Common.CommonIv, context.Recipient.Id, option.PartialIv, nonce)
            : OscoreNonce.TryCompose(context.Common.CommonIv, binding.RequestKid.Span, requestPiv, nonce);
        if (!composed)
        {
            return OscoreUnprotectResult.DecryptionFailed;
        }

        var result = Open(context.Recipient.Aead, protectedResponse, isRequest: false, nonce, binding.RequestKid.Span, requestPiv, null, default, out response);
        if (result == OscoreUnprotectResult.Ok && option.HasPartialIv)
        {
            partialIv = OscorePartialIv.FromBytes(option.PartialIv);
        }

        return result;
    }
}
